import Foundation

/// How common each first name, last name and postcode is among the records searched: agreeing on a rare name is
/// stronger evidence than agreeing on a common one, as Fellegi and Sunter's value-specific
/// weights have it.
enum NameFrequencies {
    /// Sets every record's name weights (and likewise postcode weights, with the postcode offset and bounds) to log2(records / records with that name) minus
    /// ``MatchingRules/nameFrequencyOffset``, kept between the rules' minimum and maximum. Leaves
    /// them at 0 (the fixed weight) when there are fewer records than
    /// ``MatchingRules/frequencyMinimumRecords``: counts over few records say nothing.
    static func assignWeights(to records: inout [MatchRecord], rules: MatchingRules) {
        guard records.count >= rules.frequencyMinimumRecords else { return }
        var firstCounts: [[UInt8]: Int32] = [:]
        var lastCounts: [[UInt8]: Int32] = [:]
        firstCounts.reserveCapacity(records.count / 8)
        lastCounts.reserveCapacity(records.count / 4)
        for record in records {
            if !record.first.isEmpty { firstCounts[record.first, default: 0] += 1 }
            if !record.last.isEmpty { lastCounts[record.last, default: 0] += 1 }
        }
        let total = Double(records.count)
        func weight(_ count: Int32?) -> Double {
            guard let count, count > 0 else { return 0 }
            let bits = (total / Double(count)).log2 - rules.nameFrequencyOffset
            return min(rules.nameAgreesMaximum, max(rules.nameAgreesMinimum, bits))
        }
        var firstWeights: [[UInt8]: Double] = [:]
        for (name, count) in firstCounts { firstWeights[name] = weight(count) }
        var lastWeights: [[UInt8]: Double] = [:]
        for (name, count) in lastCounts { lastWeights[name] = weight(count) }
        var postcodeCounts: [String: Int32] = [:]
        for record in records {
            if let postcode = record.postcode { postcodeCounts[postcode, default: 0] += 1 }
        }
        var postcodeWeights: [String: Double] = [:]
        for (postcode, count) in postcodeCounts {
            let bits = (total / Double(count)).log2 - rules.postcodeFrequencyOffset
            postcodeWeights[postcode] = min(rules.postcodeAgreesMaximum, max(rules.postcodeAgreesMinimum, bits))
        }
        for index in records.indices {
            records[index].firstNameWeight = firstWeights[records[index].first] ?? 0
            records[index].lastNameWeight = lastWeights[records[index].last] ?? 0
            records[index].postcodeWeight = records[index].postcode.flatMap { postcodeWeights[$0] } ?? 0
        }
    }
}

extension Double {
    fileprivate var log2: Double { Foundation.log2(self) }
}
