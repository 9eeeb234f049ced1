import Hummingbird
import RapportCore
import RapportEngine

/// The campaign pages: programmes and campaigns with the policy, one campaign with its simulated
/// plan (and its journey view), and the marketing calendar. They read only: planning happens in
/// the scheduler and on the command line.
extension PageRoutes {
    @Sendable func campaigns(_ request: Request, context: ServerContext) async throws -> Response {
        let store = self.store
        let (programmes, campaigns, policy) = try await offload {
            try store.editingRecords { editor in
                let book = CampaignBook(editor)
                return (try book.programmes(), try book.campaigns(), try book.policy())
            }
        }
        let body = CampaignListPage(text: text, programmes: programmes, campaigns: campaigns, policy: policy).body
        return page(body, title: text[.campaigns], current: "/campaigns", context: context)
    }

    @Sendable func campaign(_ request: Request, context: ServerContext) async throws -> Response {
        let name = try context.parameters.decoded("name")
        let store = self.store, now = clock.now
        let (campaign, atStep, history) = try await offload {
            try store.editingRecords { editor -> (StoredCampaign, [String: Int], [String: Int]) in
                let campaign = try CampaignBook(editor).campaign(named: name)
                var atStep: [String: Int] = [:]
                for row in try editor.rows(
                    of: StoredTable.named("journey_states"),
                    matching: [ColumnMatch("campaign_id", .integer(campaign.id)), ColumnMatch("status", .text("active"))])
                {
                    atStep[row[2].textValue ?? "", default: 0] += 1
                }
                var history: [String: Int] = [:]
                for row in try editor.rows(of: StoredTable.named("contacts"), matching: [ColumnMatch("campaign_id", .integer(campaign.id))]) {
                    history[row[8].textValue ?? "", default: 0] += 1
                }
                return (campaign, atStep, history)
            }
        }
        let plan = try await offload { try CampaignOperations.plan(store: store, now: now, including: [name]) }
        let waves = plan.waves.filter { $0.campaign.id == campaign.id }
        let body = CampaignPage(text: text, campaign: campaign, waves: waves, atStep: atStep, history: history).body
        return page(body, title: campaign.definition.name, current: "/campaigns", context: context)
    }

    @Sendable func calendar(_ request: Request, context: ServerContext) async throws -> Response {
        let store = self.store, now = clock.now
        let (plan, policy) = try await offload {
            (try CampaignOperations.plan(store: store, now: now), try store.editingRecords { try CampaignBook($0).policy() })
        }
        return page(CalendarPage(text: text, plan: plan, policy: policy).body, title: text[.calendar], current: "/calendar", context: context)
    }
}
