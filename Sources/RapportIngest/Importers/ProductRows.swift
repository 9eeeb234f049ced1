import RapportCore

/// Reads the product catalogue and upserts it by SKU.
enum ProductRows {
    static func run(_ context: ImportContext, reader: any RecordReader, binding: FieldBinding) throws {
        let keys = try KeyTable(.products, context.transaction)
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
            try context.apply(
                keys.decide(sku, fingerprint: product.fingerprint, line: row.line), line: row.line, field: .sku, value: sku,
                raw: { reader.rawRecord },
                insert: { try context.transaction.insert(product, id: $0, now: context.now) },
                update: { id, _ in try context.transaction.update(product, id: id, now: context.now) })
        }
    }
}
