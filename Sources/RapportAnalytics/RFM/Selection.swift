/// In-place selection (quickselect with median-of-three pivots and an insertion sort for short
/// ranges): after `select(&a, k, from: lo)`, `a[k]` holds the value a full sort of `a[lo...]` would
/// put there, everything in `lo..<k` is ≤ it and everything after is ≥ it.
enum Selection {
    static func select(_ values: inout [Double], _ k: Int, from lower: Int) {
        values.withUnsafeMutableBufferPointer { buffer in
            var low = lower
            var high = buffer.count - 1
            while high - low > 16 {
                let middle = low + (high - low) / 2
                if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
                if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
                if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
                let pivot = buffer[middle]
                var i = low
                var j = high
                while i <= j {
                    while buffer[i] < pivot { i += 1 }
                    while buffer[j] > pivot { j -= 1 }
                    if i <= j {
                        buffer.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j {
                    high = j
                } else if k >= i {
                    low = i
                } else {
                    return  // j < k < i: a[k] equals the pivot and is in place
                }
            }
            // Insertion sort of the short range that holds k.
            if low < high {
                for i in low + 1 ... high {
                    let value = buffer[i]
                    var j = i
                    while j > low && buffer[j - 1] > value {
                        buffer[j] = buffer[j - 1]
                        j -= 1
                    }
                    buffer[j] = value
                }
            }
        }
    }
}
