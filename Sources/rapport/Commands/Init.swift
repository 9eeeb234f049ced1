import ArgumentParser

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an empty knowledge base (or bring an existing one up to date).")

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        try reportingErrors {
            _ = try options.open()
            print("Knowledge base ready: \(options.displayName)")
            print("Next: rapport import products products.csv, then customers, orders, events and consents.")
        }
    }
}
