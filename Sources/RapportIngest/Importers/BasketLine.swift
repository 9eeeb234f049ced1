import RapportCore

/// One basket line read from a row (`sku`, `quantity`, `amount`) and checked against the
/// catalogue: the same rules whether lines come with their orders or from a lines file.
struct BasketLine {
    var line: OrderLine
    var product: CatalogueEntry

    /// The row's line; nil when the row has none (no sku, quantity nor amount) or when it breaks a
    /// rule, in which case the problem is recorded on the row.
    static func read(_ row: inout Row, catalogue: [String: CatalogueEntry]) -> BasketLine? {
        let sku = row.text(.sku)?.trimmingASCIISpaces()
        let quantity = row.integer(.quantity, minimum: 1)
        let amount = row.amount(.amount)
        guard let sku else {
            if quantity != nil || amount != nil || row.bytes(.amount) != nil {
                row.problem(.sku, "", "a basket line needs the product's sku")
            }
            return nil
        }
        guard let product = catalogue[sku] else {
            row.problem(.sku, sku, "unknown product; import the catalogue first (rapport import products)")
            return nil
        }
        guard let amount else {
            if row.bytes(.amount) == nil { row.problem(.amount, "", "required for a basket line: the amount paid for the line") }
            return nil
        }
        return BasketLine(line: OrderLine(sku: sku, quantity: quantity ?? 1, amount: amount), product: product)
    }
}
