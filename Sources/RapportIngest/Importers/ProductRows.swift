import RapportCore

/// Reads the product catalogue and upserts it by SKU.
enum ProductRows {
    /// Loads the stored catalogue (on the transaction's thread) and returns the reading loop.
    static func prepare(_ context: ImportContext) throws -> RowLoop {
        let keys = try KeyTable(.products, context.transaction, among: context.keyScope?[.products])
        return { reader, binding in try read(context, keys: keys, reader: reader, binding: binding) }
    }

    private static func read(_ context: ImportContext, keys: KeyTable, reader: any RecordReader, binding: FieldBinding) throws {
        try context.forEachRecord(reader, binding: binding) { row in
            let sku = row.required(.sku)?.trimmingASCIISpaces()
            let name = row.required(.name)?.trimmingASCIISpaces()
            let category = row.text(.category)?.trimmingASCIISpaces()
            let price = row.amount(.price)
            let unitCost = row.amount(.unitCost)
            guard let sku, let name, row.problems.isEmpty else {
                try context.reject(line: row.line, problems: row.problems, raw: reader.rawRecord)
                return
            }
            let product = Product(sku: sku, name: name, category: category, price: price, unitCost: unitCost)
            let fingerprint = product.fingerprint
            try context.apply(
                keys.decide(sku, fingerprint: fingerprint, line: row.line), line: row.line, field: .sku, value: sku,
                raw: { reader.rawRecord },
                insert: { try context.send(.insertProduct(product, fingerprint: fingerprint, id: $0)) },
                update: { id, _ in try context.send(.updateProduct(product, fingerprint: fingerprint, id: id)) })
        }
    }
}
