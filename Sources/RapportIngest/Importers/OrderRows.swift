import RapportCore

/// Reads orders with their basket lines and upserts them by `order_id`.
///
/// Lines come either on the order's own rows (the header repeated on each line; the rows of one
/// order must follow each other) or from a separate lines file. An order is applied whole or
/// rejected whole: a bad line rejects its order, and every row of it goes to the rejects file.
final class OrderRows {
    private let context: ImportContext
    private let reader: any RecordReader
    private let binding: FieldBinding
    private let keys: KeyTable
    private let catalogue: [String: CatalogueEntry]
    private let separateLines: SeparateLines?
    private var pending: PendingOrder?
    private let generated = GeneratedIdentifiers()

    /// One order being gathered from consecutive rows.
    struct PendingOrder {
        var externalID: String
        var customerExternalID: String?
        var placedAt: Instant?
        var channel: String?
        var store: String?
        var status: OrderStatus = .completed
        var total: Double?
        var margin: Double?
        var items: Int64?
        var currency: String?
        var lines: [OrderLine] = []
        var productIDs: [Int64] = []
        var unitCosts: [Double?] = []
        /// The first row of the order, and the others (most orders have one row: no allocation).
        var first: (line: Int, range: Range<Int>)
        var more: [(line: Int, range: Range<Int>)] = []
        var problems: [(line: Int, range: Range<Int>, problem: ValidationError)] = []
        /// Lines that came from the separate lines file.
        var separate: [SeparateLines.Line] = []

        init(externalID: String, first: (line: Int, range: Range<Int>)) {
            self.externalID = externalID
            self.first = first
        }

        var rows: [(line: Int, range: Range<Int>)] { [first] + more }
    }

    private init(
        _ context: ImportContext, keys: KeyTable, catalogue: [String: CatalogueEntry], reader: any RecordReader,
        binding: FieldBinding, separateLines: SeparateLines?
    ) {
        self.context = context
        self.reader = reader
        self.binding = binding
        self.keys = keys
        self.catalogue = catalogue
        self.separateLines = separateLines
    }

    /// Loads the stored orders, catalogue and customers (on the transaction's thread) and returns
    /// the reading loop.
    static func prepare(_ context: ImportContext, separateLines: SeparateLines?) throws -> RowLoop {
        try context.loadCustomers()
        let keys = try KeyTable(.orders, context.transaction, among: context.keyScope?[.orders])
        let catalogue = try context.transaction.catalogue()
        return { reader, binding in
            let importer = OrderRows(
                context, keys: keys, catalogue: catalogue, reader: reader, binding: binding, separateLines: separateLines)
            try context.forEachRecord(reader, binding: binding, passingBrokenRecords: true) { row in try importer.read(&row) }
            try importer.flush()
        }
    }

    private func read(_ row: inout Row) throws {
        let externalID: String?
        if binding.generatesIdentifier {
            externalID = generated.next(for: reader.rawRecord)
        } else {
            externalID = row.required(.orderID)?.trimmingASCIISpaces()
        }
        guard let externalID else {
            // Without an order id the row belongs to no order: rejected alone.
            try context.reject(line: row.line, problems: row.problems, raw: reader.rawRecord)
            return
        }
        if pending?.externalID != externalID {
            try flush()
            pending = PendingOrder(externalID: externalID, first: (row.line, reader.recordRange))
            readHeader(&row)
        } else {
            pending!.more.append((row.line, reader.recordRange))
            let customer = row.text(.customerID)?.trimmingASCIISpaces()
            if customer != pending?.customerExternalID {
                row.problem(
                    .customerID, customer ?? "",
                    "differs from the first row of order \(externalID) (\(pending?.customerExternalID ?? "")); all rows of an order have the same customer")
            }
        }
        readLine(&row)
        for problem in row.problems { pending!.problems.append((row.line, reader.recordRange, problem)) }
    }

    private func readHeader(_ row: inout Row) {
        pending!.customerExternalID = row.required(.customerID)?.trimmingASCIISpaces()
        pending!.placedAt = row.instant(.placedAt, required: true)
        pending!.channel = row.token(.channel)?.value
        pending!.store = row.text(.store)?.trimmingASCIISpaces()
        if let status = row.text(.status) {
            do throws(ValidationError) { pending!.status = try OrderStatus(status) } catch { row.record(error) }
        }
        pending!.total = row.amount(.total)
        pending!.margin = row.amount(.margin, allowNegative: true)
        pending!.items = row.integer(.items, minimum: 0)
        if let currency = row.text(.currency)?.trimmingASCIISpaces().uppercased() {
            if currency.utf8.count == 3, currency.utf8.allSatisfy({ $0 &- 65 < 26 }) {
                pending!.currency = currency
            } else {
                row.problem(.currency, currency, "write a three-letter ISO 4217 code such as EUR")
            }
        }
    }

    private func readLine(_ row: inout Row) {
        guard let basket = BasketLine.read(&row, catalogue: catalogue) else { return }
        pending!.lines.append(basket.line)
        pending!.productIDs.append(basket.product.id)
        pending!.unitCosts.append(basket.product.unitCost)
    }

    /// Applies or rejects the order gathered so far. Every check runs before anything is written,
    /// so a rejected order creates no customer and keeps its separate lines out too.
    private func flush() throws {
        guard var order = pending else { return }
        pending = nil
        let first = order.first
        func problem(_ field: Field, _ value: String, _ reason: String) {
            order.problems.append((first.line, first.range, ValidationError(field: field.name, value: value, reason: reason)))
        }
        if let separateLines, let attached = separateLines.take(order.externalID) {
            if !order.lines.isEmpty, !attached.lines.isEmpty {
                problem(.sku, "", "lines given both in this file and in the lines file; give them in one place")
            }
            if let badLine = attached.firstBadLine {
                problem(.orderID, order.externalID, "its basket line \(badLine) of the lines file is rejected; fix it and import both files again")
            }
            order.separate = attached.lines
            for line in attached.lines {
                order.lines.append(line.line)
                order.productIDs.append(line.productID)
                order.unitCosts.append(line.unitCost)
            }
        }
        let total = order.total ?? (order.lines.isEmpty ? nil : order.lines.reduce(0) { $0 + $1.amount })
        if total == nil, order.problems.isEmpty { problem(.total, "", "an order without basket lines needs its total") }
        var resolution: ImportContext.CustomerResolution?
        if order.problems.isEmpty, let customerExternalID = order.customerExternalID {
            var problems: [ValidationError] = []
            resolution = try context.resolveCustomer(customerExternalID, problems: &problems)
            for found in problems { order.problems.append((first.line, first.range, found)) }
        }
        if let firstLine = keys.lineInThisFile(order.externalID) {
            problem(.orderID, order.externalID, "this order's rows must follow each other; it already appeared at line \(firstLine)")
        }
        guard order.problems.isEmpty, let resolution, let customerExternalID = order.customerExternalID,
            let placedAt = order.placedAt, let total
        else {
            return try reject(order)
        }
        let customerID = try context.customerID(for: resolution, kindIfCreated: .customer)
        var margin = order.margin
        if margin == nil, !order.lines.isEmpty, order.unitCosts.allSatisfy({ $0 != nil }) {
            margin = total - zip(order.lines, order.unitCosts).reduce(0) { $0 + Double($1.0.quantity) * $1.1! }
        }
        let stored = Order(
            externalID: order.externalID, customerExternalID: customerExternalID, placedAt: placedAt,
            channel: order.channel, store: order.store, status: order.status, total: total, margin: margin,
            items: order.items ?? (order.lines.isEmpty ? nil : order.lines.reduce(0) { $0 + $1.quantity }),
            currency: order.currency, lines: order.lines)
        let productIDs = order.productIDs
        let fingerprint = stored.fingerprint
        let decision = keys.decide(stored.externalID, fingerprint: fingerprint, customerID: customerID, line: first.line)
        try context.apply(
            decision, line: first.line, field: .orderID, value: stored.externalID, raw: { self.reader.text(of: first.range) },
            insert: {
                try self.context.send(
                    .insertOrder(stored, fingerprint: fingerprint, id: $0, customerID: customerID, productIDs: productIDs))
            },
            update: { id, previous in
                try self.context.send(
                    .updateOrder(
                        stored, fingerprint: fingerprint, id: id, previousCustomerID: previous, customerID: customerID,
                        productIDs: productIDs))
            })
        separateLines?.attach(order.separate.count)
    }

    private func reject(_ order: PendingOrder) throws {
        context.counts.rejected += 1
        let faulty = Set(order.problems.map(\.line))
        for entry in order.problems {
            try context.rejects.add(
                line: entry.line, field: entry.problem.field, value: entry.problem.value, reason: entry.problem.reason,
                row: reader.text(of: entry.range))
        }
        for row in order.rows where !faulty.contains(row.line) {
            try context.rejects.add(
                line: row.line, field: "order_id", value: order.externalID,
                reason: "rejected with its order, which has an error on line \(order.problems[0].line)",
                row: reader.text(of: row.range))
        }
        try separateLines?.reject(order.separate, withOrder: order.externalID, ordersLine: order.problems[0].line)
    }
}
