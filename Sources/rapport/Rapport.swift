import ArgumentParser

@main
struct Rapport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "Know your customers, segment them, talk to them without harassing them, and measure what it earned.",
        discussion: """
            Rapport keeps one customer knowledge base (a SQLite file by default) fed from your files: \
            customers and prospects, products, orders with their baskets, interactions and consents.

            Start with `rapport demo` to see it on a realistic shop, or `rapport init` then \
            `rapport import customers customers.csv` with your own files (formats: docs/formats.md).
            """,
        subcommands: [
            Init.self, Import.self, Demo.self, Analyze.self, SegmentCommand.self, AffinityCommand.self, CustomerCommand.self, Summary.self, Serve.self, UserCommand.self,
            MigrateStore.self, Dedupe.self, MergeCommand.self, Unmerge.self, QualityCommand.self, PrivacyCommand.self,
            ProgrammeCommand.self, CampaignCommand.self, PolicyCommand.self, ChannelCommand.self, TrackingCommand.self, ReportCommand.self,
        ])
}
