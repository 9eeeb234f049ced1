import RapportCore

/// Basket lines read from their own file before the orders, by order id.
final class SeparateLines {
    struct Line {
        var line: OrderLine
        var productID: Int64
        var unitCost: Double?
        var fileLine: Int
        var range: Range<Int>
    }

    private var byOrder: [String: [Line]] = [:]
    /// Orders with a rejected line, and the first such line: those orders are rejected whole.
    private var badLines: [String: Int] = [:]
    private let reader: any RecordReader
    let rejects: RejectsFile
    private(set) var attached = 0
    private(set) var rejected = 0

    init(file: String, context: ImportContext, reader: any RecordReader, binding: FieldBinding) throws {
        self.reader = reader
        self.rejects = RejectsFile(input: file)
        let catalogue = try context.transaction.catalogue()
        var row = Row(reader: reader, binding: binding, mapping: context.options.mapping, now: context.now)
        while try reader.next() {
            row.problems.removeAll(keepingCapacity: true)
            if let problem = reader.recordProblem {
                row.problems.append(ValidationError(field: "", value: "", reason: problem))
            }
            let orderID = row.required(.orderID)?.trimmingASCIISpaces()
            let basket = BasketLine.read(&row, catalogue: catalogue)
            if basket == nil, row.problems.isEmpty { row.problem(.sku, "", "a line needs the product's sku and the amount paid") }
            guard let orderID, let basket, row.problems.isEmpty else {
                if let orderID, badLines[orderID] == nil { badLines[orderID] = reader.line }
                try reject(line: reader.line, problems: row.problems, range: reader.recordRange)
                continue
            }
            byOrder[orderID, default: []].append(
                Line(
                    line: basket.line, productID: basket.product.id, unitCost: basket.product.unitCost,
                    fileLine: reader.line, range: reader.recordRange))
        }
    }

    /// The lines of `orderID`, removed from those waiting, and the first of its lines that was
    /// rejected; nil when the lines file says nothing of that order.
    func take(_ orderID: String) -> (lines: [Line], firstBadLine: Int?)? {
        let lines = byOrder.removeValue(forKey: orderID)
        let bad = badLines.removeValue(forKey: orderID)
        guard lines != nil || bad != nil else { return nil }
        return (lines ?? [], bad)
    }

    /// Counts lines that went in with their order.
    func attach(_ count: Int) {
        attached += count
    }

    /// Rejects the lines of an order that was rejected.
    func reject(_ lines: [Line], withOrder orderID: String, ordersLine: Int) throws {
        for line in lines {
            try reject(
                line: line.fileLine,
                problems: [
                    ValidationError(
                        field: "order_id", value: orderID,
                        reason: "rejected with its order, which has an error on line \(ordersLine) of the orders file")
                ], range: line.range)
        }
    }

    /// Rejects the lines whose order was not in the orders file.
    func rejectLeftovers(ordersFile: String) throws {
        for (orderID, lines) in byOrder.sorted(by: { $0.value[0].fileLine < $1.value[0].fileLine }) {
            for line in lines {
                try reject(
                    line: line.fileLine,
                    problems: [ValidationError(field: "order_id", value: orderID, reason: "no such order in \(ordersFile); lines are imported with their order")],
                    range: line.range)
            }
        }
        byOrder.removeAll()
    }

    private func reject(line: Int, problems: [ValidationError], range: Range<Int>) throws {
        rejected += 1
        for problem in problems {
            try rejects.add(line: line, field: problem.field, value: problem.value, reason: problem.reason, row: reader.text(of: range))
        }
    }
}
