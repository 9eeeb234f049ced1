extension Array where Element == Int64 {
    /// In an ascending array of distinct ids, the position of `id`, or nil: how a frame finds a
    /// customer's dense index from their store id.
    public func position(ofAscending id: Int64) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == id ? low : nil
    }
}
