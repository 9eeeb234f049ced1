/// Every string a person reads on the pages, in one table per language, so that French can
/// follow by adding a table. `{0}`, `{1}` mark where values go.
enum Phrase: String, CaseIterable, Sendable {
    case appName, signIn, signOut, email, password, wrongCredentials, signedInAs
    case dashboard, customers, customer, segments, imports, analytics
    case people, buyers, activeCustomers, revenue, orders, averageBasket, purchaseFrequency, events
    case newPerMonth, lostPerMonth, month, newCustomers, lostCustomers
    case search, searchPlaceholder, kind, country, city, allKinds, nextPage, noCustomers
    case identity, consents, scores, purchases, timeline, recentOrders, noScores, noOrders, noEvents
    case customerSince, prefers, born, attributes, granted, denied, revoked, since
    case notFound, forbidden, unauthorized, serverError, backToDashboard, errorTitle
    case margin, firstOrder, lastOrder, items, status, channel, type, date, total, details
    case rfm, clv, pAlive, expectedPurchases, lifecycle, targets, strategy, cluster, engagement, valuePotential
    case segmentMembership, noSegments
    case name, definition, description, size, evaluated, entries, exits, churn, members, createSegment, create
    case segmentHistory, noSnapshots, dynamicSegment, staticList, everyMinutes, deleteSegment, refreshNow, notes, never
    case uploadFile, file, importKind, createCustomers, upload, importJournal, noImports, inserted, updated, unchanged
    case rejected, rejectsReport, downloadRejects, line, field, value, reason, importResult, noRejects, bytes, startedAt
    case rfmHeatMap, recencyScore, frequencyScore, customersCount, meanSpend, relationalMatrix, valueTier, potentialTier
    case lifecycleFunnel, cohortRetention, monthsSinceFirstOrder, shareBuying, lifetimeValueDistribution, lifetimeValue
    case linkExpired, noData, noAnalysis, asOf, cohort, ofPrevious, ofFirst, stage, latestAnalysis, monthShort
    case campaigns, calendar, programmes, pressurePolicy, priority, waves, planned, control, suppressed, targeted, cost
    case expectedValue, simulation, journey, step, customersAtStep, noCampaigns, trigger, objective, kpi, budget, period
    case contactHistory, day, campaign, due, noWaves, byRule, byChannel, byVariant, arbitration, plannedContactsPerDay
    case unsubscribe, unsubscribeQuestion, unsubscribed, brokenLink
    case survey, npsQuestion, csatQuestion, cesQuestion, surveyLow, surveyHigh, surveyEasy, surveyHard, surveyComment, surveySend
    case surveyThanks, surveyAlreadyAnswered, surveyPickScore
    case results, reports, keyFigures, touchpointMap, attributionReport, downloadCSV, funnel, treated, sentContacts, delivered
    case opened, clicked, converted, contacts, conversionRate, noControlGroup, uplift, interval, incrementalRevenue
    case incrementalMargin, resultsWindow, treatedAgainstControl, churnAndRetention, satisfactionScores, contactPressure
    case contactsPerCustomer, unsubscribes, irritant, momentOfTruth, satisfaction, responseRate, complaintsShort, touchpoints
    case repurchase, touchpointRules, attributionSummary, responded, noResponse, lastTouch, firstTouch, linear
    case preferences, preferenceChannels, preferenceFrequency, preferenceTopics, preferencesSave, preferencesSaved
    case frequencyUsual, frequencyWeekly, frequencyMonthly, sampleSize
}

/// A language's table of phrases.
struct Localization: Sendable {
    let code: String
    private let table: [Phrase: String]

    subscript(_ phrase: Phrase) -> String { table[phrase] ?? phrase.rawValue }

    /// The phrase with `{0}`, `{1}`… replaced by the values, in order.
    func callAsFunction(_ phrase: Phrase, _ values: String...) -> String {
        var text = self[phrase]
        for (index, value) in values.enumerated() { text = text.replacing("{\(index)}", with: value) }
        return text
    }

    static let english = Localization(code: "en", table: [
        .appName: "Rapport", .signIn: "Sign in", .signOut: "Sign out", .email: "E-mail", .password: "Password",
        .wrongCredentials: "That e-mail and password do not match an active user.",
        .signedInAs: "Signed in as {0} ({1})",
        .dashboard: "Dashboard", .customers: "Customers", .customer: "Customer", .segments: "Segments",
        .imports: "Imports", .analytics: "Analytics",
        .people: "People", .buyers: "Buyers", .activeCustomers: "Active customers (12 months)", .revenue: "Revenue",
        .orders: "Orders", .averageBasket: "Average basket", .purchaseFrequency: "Orders per buyer", .events: "Events",
        .newPerMonth: "New and lost customers per month", .lostPerMonth: "Lost customers per month", .month: "Month",
        .newCustomers: "New (first order)", .lostCustomers: "Lost (last order 12 months before)",
        .search: "Search", .searchPlaceholder: "Id, e-mail, phone, name, city or postcode", .kind: "Kind",
        .country: "Country", .city: "City", .allKinds: "All kinds", .nextPage: "Next page",
        .noCustomers: "No customer matches.",
        .identity: "Identity", .consents: "Consents in force", .scores: "Scores", .purchases: "Purchases",
        .timeline: "Timeline", .recentOrders: "Recent orders", .noScores: "No analysis has scored this person yet.",
        .noOrders: "No order.", .noEvents: "No interaction recorded.",
        .customerSince: "customer since {0}", .prefers: "prefers {0}", .born: "born {0}", .attributes: "Attributes",
        .granted: "granted", .denied: "denied", .revoked: "revoked", .since: "since {0}",
        .notFound: "There is nothing here.", .forbidden: "Your role does not allow this.",
        .unauthorized: "Please sign in.", .serverError: "Something went wrong on the server; it has been logged.",
        .backToDashboard: "Back to the dashboard", .errorTitle: "Error {0}",
        .margin: "Margin", .firstOrder: "First order", .lastOrder: "Last order", .items: "items", .status: "Status",
        .channel: "Channel", .type: "Type", .date: "Date", .total: "Total", .details: "Details",
        .rfm: "RFM", .clv: "Lifetime value (12 months)", .pAlive: "P(alive)", .expectedPurchases: "Expected purchases",
        .lifecycle: "Lifecycle stage", .targets: "Tactical targets", .strategy: "Strategy", .cluster: "Cluster",
        .engagement: "Engagement", .valuePotential: "Value × potential",
        .segmentMembership: "Segments", .noSegments: "In no saved segment.",
        .name: "Name", .definition: "Definition", .description: "Description", .size: "Size", .evaluated: "Evaluated",
        .entries: "Entries", .exits: "Exits", .churn: "Churn", .members: "Members", .createSegment: "New segment",
        .create: "Create", .segmentHistory: "Size over time", .noSnapshots: "Not evaluated yet.",
        .dynamicSegment: "dynamic", .staticList: "static list", .everyMinutes: "Refresh every (minutes)",
        .deleteSegment: "Delete", .refreshNow: "Evaluate now", .notes: "Notes", .never: "never",
        .uploadFile: "Import a file", .file: "File", .importKind: "It holds", .createCustomers: "Create unknown customers",
        .upload: "Import", .importJournal: "Latest imports", .noImports: "No import yet.", .inserted: "New",
        .updated: "Updated", .unchanged: "Unchanged", .rejected: "Rejected", .rejectsReport: "Rejected rows",
        .downloadRejects: "Download the rejects (CSV)", .line: "Line", .field: "Field", .value: "Value", .reason: "Reason",
        .importResult: "Import of {0}", .noRejects: "Every row was accepted.", .bytes: "Bytes", .startedAt: "Started",
        .rfmHeatMap: "RFM: customers by recency and frequency score", .recencyScore: "Recency score (5 = most recent)",
        .frequencyScore: "Frequency score (5 = most frequent)", .customersCount: "{0} customers", .meanSpend: "mean spend {0}",
        .relationalMatrix: "Relational matrix: current value × potential", .valueTier: "Current value",
        .potentialTier: "Potential", .lifecycleFunnel: "Lifecycle funnel", .cohortRetention: "Cohort retention",
        .monthsSinceFirstOrder: "Months since the first order", .shareBuying: "Share of the cohort buying",
        .lifetimeValueDistribution: "Lifetime value distribution (12 months)", .lifetimeValue: "Lifetime value",
        .linkExpired: "That sign-in link is unknown, already used or older than ten minutes; ask for a new one.",
        .noData: "No data yet.", .noAnalysis: "No analysis yet: run `rapport analyze` to score the base.",
        .asOf: "as of {0}", .cohort: "Cohort {0}", .ofPrevious: "of previous", .ofFirst: "of first", .stage: "Stage",
        .latestAnalysis: "Latest analysis: {0}", .monthShort: "M{0}",
        .campaigns: "Campaigns", .calendar: "Calendar", .programmes: "Programmes", .pressurePolicy: "Pressure policy",
        .priority: "Priority", .waves: "Waves", .planned: "Planned", .control: "Control", .suppressed: "Suppressed",
        .targeted: "Targeted", .cost: "Cost", .expectedValue: "Expected value", .simulation: "Plan before launch (simulation)",
        .journey: "Journey", .step: "Step", .customersAtStep: "Customers at the step", .noCampaigns: "No campaign yet: `rapport campaign create FILE.json` adds one.",
        .trigger: "Trigger", .objective: "Objective", .kpi: "KPI", .budget: "Budget", .period: "Period",
        .contactHistory: "Contact history", .day: "Day", .campaign: "Campaign", .due: "Due",
        .noWaves: "No wave to plan in the look-ahead window.", .byRule: "Suppressed by rule", .byChannel: "By channel",
        .byVariant: "By variant", .arbitration: "{0} candidate contacts, objective {1}, {2} pricing passes",
        .plannedContactsPerDay: "Planned contacts per day and channel ({0})",
        .unsubscribe: "Unsubscribe", .unsubscribeQuestion: "Stop receiving our marketing messages like this one?",
        .unsubscribed: "Done: we will send you no more marketing messages like this one. Messages already on their way may still arrive today.",
        .brokenLink: "This link is damaged or was not made by us. Copy the whole address from the message, or contact us.",
        .survey: "Your opinion", .npsQuestion: "How likely are you to recommend us to a friend or colleague?",
        .csatQuestion: "How satisfied are you with us?", .cesQuestion: "How easy was it to get what you wanted from us?",
        .surveyLow: "not at all", .surveyHigh: "extremely", .surveyEasy: "very easy", .surveyHard: "very difficult",
        .surveyComment: "Anything to add? (optional)", .surveySend: "Send",
        .surveyThanks: "Thank you: your answer is recorded.", .surveyAlreadyAnswered: "You have already answered this survey: thank you.",
        .surveyPickScore: "Pick a score from {0} to {1}.",
        .results: "Results", .reports: "Reports", .keyFigures: "Key figures by month", .touchpointMap: "Touchpoint map",
        .attributionReport: "Attribution", .downloadCSV: "Download as CSV", .funnel: "From targeted to converted",
        .treated: "Treated", .sentContacts: "Sent", .delivered: "Delivered", .opened: "Opened", .clicked: "Clicked",
        .converted: "Converted", .contacts: "Contacts", .conversionRate: "Conversion rate",
        .noControlGroup: "No control group: incremental results need a holdout (the campaign's holdout setting).",
        .uplift: "Uplift in conversion", .interval: "interval", .incrementalRevenue: "Incremental revenue",
        .incrementalMargin: "Incremental margin", .resultsWindow: "Orders within {0} days after each contact (?window=DAYS to change)",
        .treatedAgainstControl: "Treated against control", .churnAndRetention: "Churn per month",
        .satisfactionScores: "NPS and CSAT", .contactPressure: "Contact pressure and unsubscribes",
        .contactsPerCustomer: "Contacts per customer", .unsubscribes: "Unsubscribes", .irritant: "Irritant",
        .momentOfTruth: "Moment of truth", .satisfaction: "Satisfaction", .responseRate: "Response",
        .complaintsShort: "Complaints", .touchpoints: "touchpoints", .repurchase: "Order within 30 days",
        .touchpointRules: "Lifecycle stages × channels over the last 12 months; docs/collect.md has the rules for the flags",
        .attributionSummary: "Orders within {0} days after a contact: {1} orders, {2} touched by no contact",
        .preferences: "Your preferences", .preferenceChannels: "How may we contact you?",
        .preferenceFrequency: "How often?", .preferenceTopics: "About what?", .preferencesSave: "Save my choices",
        .preferencesSaved: "Saved: your choices apply to our next messages.",
        .frequencyUsual: "As often as we have something for you", .frequencyWeekly: "At most once a week",
        .frequencyMonthly: "At most once a month",
        .sampleSize: "With {0} treated and {1} in control, the smallest uplift this campaign can detect (80 % power, 5 % level) is {2} points over the expected {3}.",
        .responded: "Responded", .noResponse: "No response", .lastTouch: "Last touch", .firstTouch: "First touch", .linear: "Linear",
    ])
}
