/// Deterministic draws by customer and campaign: the same customer in the same campaign always
/// falls on the same side of a holdout and gets the same variant, on any machine and in any run,
/// while draws for different campaigns are independent.
public enum Holdout {
    /// A number in [0, 1) fixed by the customer, the campaign and a purpose (`salt`).
    public static func draw(customer: Int64, campaign: Int64, salt: UInt64) -> Double {
        var x = UInt64(bitPattern: customer) &* 0x9E37_79B9_7F4A_7C15
        x ^= UInt64(bitPattern: campaign) &* 0xC2B2_AE3D_27D4_EB4F
        x ^= salt &* 0x1656_67B1_9E37_79F9
        // SplitMix64's finaliser.
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return Double(x >> 11) / Double(1 << 53)
    }

    /// Whether the customer is in the campaign's control group of `share`.
    public static func isControl(customer: Int64, campaign: Int64, share: Double) -> Bool {
        share > 0 && draw(customer: customer, campaign: campaign, salt: 1) < share
    }

    /// Whether the customer is in the global holdout of `share` (the same for every campaign).
    public static func isGloballyHeldOut(customer: Int64, share: Double) -> Bool {
        share > 0 && draw(customer: customer, campaign: 0, salt: 3) < share
    }

    /// The index of the variant the customer gets, drawn with the relative `weights`; nil when
    /// there are none.
    public static func variant(customer: Int64, campaign: Int64, weights: [Double]) -> Int? {
        guard !weights.isEmpty else { return nil }
        let total = weights.reduce(0, +)
        var point = draw(customer: customer, campaign: campaign, salt: 2) * total
        for (index, weight) in weights.enumerated() {
            if point < weight { return index }
            point -= weight
        }
        return weights.count - 1
    }
}
