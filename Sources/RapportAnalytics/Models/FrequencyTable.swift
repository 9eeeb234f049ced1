/// Per-distinct-frequency terms of a likelihood, flat: term `k` of frequency x is
/// `values[x * width + k]`, for x = 0 … maximum.
struct FrequencyTable: Sendable {
    let values: [Double]
    let width: Int

    init(maximum: Int, _ terms: (Double) -> [Double]) {
        var values: [Double] = []
        var width = 0
        for x in 0 ... maximum {
            let row = terms(Double(x))
            width = row.count
            values.append(contentsOf: row)
        }
        self.values = values
        self.width = width
    }
}
