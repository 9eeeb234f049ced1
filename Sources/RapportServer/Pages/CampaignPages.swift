import RapportAnalytics
import RapportCore
import RapportEngine

/// Programmes, campaigns and the pressure policy in force.
struct CampaignListPage {
    let text: Localization
    let programmes: [StoredProgramme]
    let campaigns: [StoredCampaign]
    let policy: PressurePolicy

    var body: HTML {
        let programmeRows: [HTML] = programmes.map { stored in
            let programme = stored.programme
            return """
                <tr><td>\(programme.name)</td><td>\(programme.objective)</td><td>\(programme.kpi)</td>\
                <td class="number">\(programme.budget.map(NumberText.money))</td>\
                <td>\(programme.startsOn?.description ?? "…") – \(programme.endsOn?.description ?? "…")</td></tr>
                """
        }
        let campaignRows: [HTML] = campaigns.map { campaign in
            let definition = campaign.definition
            let when = definition.trigger.map { "\(definition.kind.rawValue): \($0.on.rawValue)" } ?? "\(definition.kind.rawValue), \(definition.at.description)"
            return """
                <tr><td><a href="/campaigns/\(CustomerListPage.pathComponent(definition.name))">\(definition.name)</a></td>\
                <td>\(campaign.status.rawValue)</td><td>\(when)</td>\
                <td>\(definition.channels.map(\.rawValue).joined(separator: " › "))</td>\
                <td class="number">\(NumberText.decimal(definition.priority))</td><td><code>\(definition.target)</code></td></tr>
                """
        }
        let policyLines: [HTML] = policy.caps.map { "<li>\($0.description)</li>" } + [
            "<li>\(NumberText.decimal(policy.minimumGapHours)) h minimum gap; uniqueness \(NumberText.decimal(policy.uniquenessDays)) days</li>",
            "<li>quiet hours \(policy.quietHours.map { "\($0.from)–\($0.to)" } ?? "none"), time zone \(policy.timeZone)</li>",
        ]
        let programmeTable: HTML =
            programmes.isEmpty
            ? ""
            : """
                <table><thead><tr><th>\(text[.name])</th><th>\(text[.objective])</th><th>\(text[.kpi])</th>\
                <th class="number">\(text[.budget])</th><th>\(text[.period])</th></tr></thead><tbody>\(programmeRows)</tbody></table>
                """
        let campaignTable: HTML =
            campaigns.isEmpty
            ? "<p class=\"muted\">\(text[.noCampaigns])</p>"
            : """
                <table><thead><tr><th>\(text[.name])</th><th>\(text[.status])</th><th>\(text[.due])</th><th>\(text[.channel])</th>\
                <th class="number">\(text[.priority])</th><th>\(text[.definition])</th></tr></thead><tbody>\(campaignRows)</tbody></table>
                """
        return """
            <h2>\(text[.programmes])</h2>
            \(programmeTable)
            <h2>\(text[.campaigns])</h2>
            \(campaignTable)
            <h2>\(text[.pressurePolicy])</h2>
            <ul>\(policyLines)</ul>
            """
    }
}

/// One campaign: its plan before launch (per wave: targeted, planned, held out, suppressed by
/// rule), its contact history by status, and for a journey, its steps with the customers at each.
struct CampaignPage {
    let text: Localization
    let campaign: StoredCampaign
    let waves: [CampaignPlan.Wave]
    let atStep: [String: Int]
    let history: [String: Int]

    var body: HTML {
        let definition = campaign.definition
        let waveRows: [HTML] = waves.map { wave in
            let rules = wave.suppressed.sorted { $0.value > $1.value }.map { "\($0.key): \(NumberText.count($0.value))" }.joined(separator: "; ")
            let channels = wave.plannedByChannel.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \(NumberText.count($0.value))" }
            let variants = wave.plannedByVariant.sorted { $0.key < $1.key }.map { "\($0.key) \(NumberText.count($0.value))" }
            return """
                <tr><td>\(definition.kind == .journey ? definition.message ?? "" : "\(wave.wave + 1)")</td><td>\(wave.dueAt.description)</td>\
                <td class="number">\(NumberText.count(wave.targeted))</td><td class="number">\(NumberText.count(wave.planned))</td>\
                <td class="number">\(NumberText.count(wave.control))</td><td class="number">\(NumberText.count(wave.suppressedTotal))</td>\
                <td>\(rules)</td><td>\(channels.joined(separator: ", "))</td><td>\(variants.joined(separator: ", "))</td>\
                <td class="number">\(NumberText.money(wave.cost))</td><td class="number">\(NumberText.money(wave.expectedValue))</td></tr>
                """
        }
        let simulation: HTML =
            waves.isEmpty
            ? "<p class=\"muted\">\(text[.noWaves])</p>"
            : """
                <table><thead><tr><th>\(text[.waves])</th><th>\(text[.due])</th><th class="number">\(text[.targeted])</th>\
                <th class="number">\(text[.planned])</th><th class="number">\(text[.control])</th><th class="number">\(text[.suppressed])</th>\
                <th>\(text[.byRule])</th><th>\(text[.byChannel])</th><th>\(text[.byVariant])</th><th class="number">\(text[.cost])</th>\
                <th class="number">\(text[.expectedValue])</th></tr></thead><tbody>\(waveRows)</tbody></table>
                """
        var journey: HTML = ""
        if definition.kind == .journey {
            let steps: [HTML] = definition.steps.map { step in
                "<tr><td>\(step.id)</td><td>\(step.summary)</td><td class=\"number\">\(NumberText.count(atStep[step.id] ?? 0))</td></tr>"
            }
            journey = """
                <h2>\(text[.journey])</h2>
                <table><thead><tr><th>\(text[.step])</th><th>\(text[.details])</th><th class="number">\(text[.customersAtStep])</th></tr></thead>\
                <tbody>\(steps)</tbody></table>
                """
        }
        // Before launch: the smallest uplift the planned contacts and their control group can show.
        var power: HTML = ""
        let treated = waves.reduce(0) { $0 + $1.planned }, control = waves.reduce(0) { $0 + $1.control }
        if treated > 0, control > 0,
            let rate = SampleSize.minimumDetectableRate(
                baselineRate: definition.expectedResponse, treated: treated, controlRatio: Double(control) / Double(treated))
        {
            let points = NumberText.decimal((rate - definition.expectedResponse) * 100, places: 2)
            power = "<p>\(text(.sampleSize, NumberText.count(treated), NumberText.count(control), points, NumberText.decimal(definition.expectedResponse * 100, places: 2) + " %"))</p>"
        }
        let historyRows: [HTML] = history.sorted { $0.key < $1.key }.map {
            "<tr><td>\($0.key)</td><td class=\"number\">\(NumberText.count($0.value))</td></tr>"
        }
        let historyTable: HTML =
            history.isEmpty ? "<p class=\"muted\">\(text[.noData])</p>" : "<table><tbody>\(historyRows)</tbody></table>"
        return """
            <p>\(campaign.status.rawValue) · \(definition.kind.rawValue) · \(definition.purpose.rawValue) · \(text[.priority]) \(NumberText.decimal(definition.priority))\
             · \(definition.channels.map(\.rawValue).joined(separator: " › ")) · <code>\(definition.target)</code></p>
            \(journey)
            <h2>\(text[.simulation])</h2>
            \(simulation)
            \(power)
            <p><a href="/campaigns/\(CustomerListPage.pathComponent(definition.name))/results">\(text[.results])</a></p>
            <h2>\(text[.contactHistory])</h2>
            \(historyTable)
            """
    }
}

/// The marketing calendar: planned contacts per day and channel over the look-ahead window, and
/// the waves behind them.
struct CalendarPage {
    let text: Localization
    let plan: CampaignPlan
    let policy: PressurePolicy

    var body: HTML {
        let channels = ContactChannel.allCases.filter { channel in plan.calendar.values.contains { $0[channel] != nil } }
        let header: [HTML] = channels.map { "<th class=\"number\">\($0.rawValue)</th>" }
        let rows: [HTML] = plan.calendar.sorted { $0.key < $1.key }.map { day, counts in
            let cells: [HTML] = channels.map { "<td class=\"number\">\(NumberText.count(counts[$0] ?? 0))</td>" }
            return "<tr><td>\(day.description)</td>\(cells)</tr>"
        }
        let waves: [HTML] = plan.waves.map { wave in
            """
            <tr><td><a href="/campaigns/\(CustomerListPage.pathComponent(wave.campaign.definition.name))">\(wave.campaign.definition.name)</a></td>\
            <td>\(wave.dueAt.description)</td><td class="number">\(NumberText.count(wave.planned))</td>\
            <td class="number">\(NumberText.count(wave.suppressedTotal))</td></tr>
            """
        }
        let days: HTML =
            plan.calendar.isEmpty
            ? "<p class=\"muted\">\(text[.noWaves])</p>"
            : "<table><thead><tr><th>\(text[.day])</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>"
        let waveTable: HTML =
            plan.waves.isEmpty
            ? ""
            : """
                <table><thead><tr><th>\(text[.campaign])</th><th>\(text[.due])</th><th class="number">\(text[.planned])</th>\
                <th class="number">\(text[.suppressed])</th></tr></thead><tbody>\(waves)</tbody></table>
                """
        return """
            <h2>\(text(.plannedContactsPerDay, policy.timeZone))</h2>
            \(days)
            <h2>\(text[.waves])</h2>
            \(waveTable)
            <p class="muted">\(text(.arbitration, NumberText.count(plan.candidates), NumberText.money(plan.objective), String(plan.pricingPasses)))</p>
            """
    }
}
