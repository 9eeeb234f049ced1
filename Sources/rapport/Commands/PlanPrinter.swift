import RapportCore
import RapportEngine

/// The simulation report: per wave, who is targeted and what became of them; then the calendar of
/// planned contacts per day and channel.
enum PlanPrinter {
    static func print(_ plan: CampaignPlan, policy: PressurePolicy, seconds: Double) {
        Swift.print("Plan as of \(plan.decidedAt), looking \(Terminal.decimal(policy.lookaheadDays)) days ahead")
        for line in PolicyWords.lines(policy) { Swift.print("  \(line)") }
        if plan.waves.isEmpty {
            Swift.print("No wave to plan: schedule a campaign (`rapport campaign set-status NAME scheduled`) or name a draft with --include.")
            return
        }
        Swift.print("")
        for wave in plan.waves {
            let definition = wave.campaign.definition
            let name =
                definition.kind == .journey
                ? "\(definition.name), step \(definition.message?.split(separator: "/").last.map(String.init) ?? "")"
                : definition.name + (definition.waves > 1 ? " wave \(wave.wave + 1)" : "")
            Swift.print("\(name) — due \(wave.dueAt)\(wave.isDue ? " (due now)" : ""), priority \(Terminal.decimal(definition.priority))")
            Swift.print("  targeted \(Terminal.count(wave.targeted)), planned \(Terminal.count(wave.planned)), control \(Terminal.count(wave.control)), suppressed \(Terminal.count(wave.suppressedTotal))")
            for (rule, count) in wave.suppressed.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
                Swift.print("    \(rule): \(Terminal.count(count))")
            }
            if !wave.plannedByChannel.isEmpty {
                let channels = wave.plannedByChannel.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \(Terminal.count($0.value))" }
                Swift.print("  by channel: \(channels.joined(separator: ", "))")
            }
            if !wave.plannedByVariant.isEmpty {
                let variants = wave.plannedByVariant.sorted { $0.key < $1.key }.map { "\($0.key) \(Terminal.count($0.value))" }
                Swift.print("  by variant: \(variants.joined(separator: ", "))")
            }
            Swift.print("  cost \(Terminal.money(wave.cost)), expected value \(Terminal.money(wave.expectedValue))")
        }
        for (campaign, wave) in plan.outsideProgrammePeriod {
            Swift.print("\(campaign) wave \(wave + 1): outside its programme's period, not planned")
        }
        Swift.print("")
        Swift.print("Calendar (planned contacts per day, \(policy.timeZone)):")
        let channels = ContactChannel.allCases.filter { channel in plan.calendar.values.contains { $0[channel] != nil } }
        Swift.print("  day         " + channels.map { $0.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined())
        for (day, counts) in plan.calendar.sorted(by: { $0.key < $1.key }) {
            let cells = channels.map { Terminal.count(counts[$0] ?? 0).padding(toLength: 8, withPad: " ", startingAt: 0) }
            Swift.print("  \(day)  " + cells.joined())
        }
        Swift.print("")
        Swift.print("Arbitration: \(Terminal.count(plan.candidates)) candidate contacts, objective \(Terminal.money(plan.objective)), \(plan.pricingPasses) pricing pass\(plan.pricingPasses == 1 ? "" : "es"), planned in \(Terminal.decimal(seconds, places: 2)) s.")
    }
}
