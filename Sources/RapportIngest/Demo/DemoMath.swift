/// Logarithm, exponential and power written with IEEE 754 basic operations only (+, −, ×, ÷ and
/// square root are correctly rounded everywhere), so that the demo data does not depend on the
/// platform's maths library: the same seed gives the same bytes on Linux and macOS.
/// Accurate to a few units in the last place, which is plenty for sampling.
enum DemoMath {
    static let ln2 = 0.693_147_180_559_945_3

    /// Natural logarithm of a positive finite `x`.
    static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : .nan }
        var exponent = Int(x.exponent)
        var m = x.significand  // in [1, 2)
        if m > 1.414_213_562_373_095_1 {
            m /= 2
            exponent += 1
        }
        // log m = 2 atanh(s), s = (m − 1)/(m + 1), |s| <= 0.172: the series converges fast.
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var term = s
        var sum = s
        var denominator = 3.0
        for _ in 0..<11 {
            term *= s2
            sum += term / denominator
            denominator += 2
        }
        return 2 * sum + Double(exponent) * ln2
    }

    /// e to the power `x`.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < -745 { return 0 }
        if x > 709 { return .infinity }
        let k = (x / ln2).rounded()
        // Cody–Waite: ln 2 split so that k × ln2High is exact.
        let r = (x - k * 6.931_471_803_691_238_164_90e-01) - k * 1.908_214_929_270_587_700_02e-10  // |r| <= 0.35
        var term = 1.0
        var sum = 1.0
        for n in 1...18 {
            term *= r / Double(n)
            sum += term
        }
        let scale = Int(k)
        if scale < -1_000 {
            // Keep the intermediate normal before the final subnormal scaling.
            return Double(sign: .plus, exponent: scale + 100, significand: sum) * 0x1p-100
        }
        return Double(sign: .plus, exponent: scale, significand: sum)
    }

    /// `base` (> 0) to the power `exponent`.
    static func pow(_ base: Double, _ exponent: Double) -> Double {
        exp(exponent * log(base))
    }
}
