import Foundation

/// Welch's t-test of the difference between two means with unequal variances, two-sided, and its
/// confidence interval: statsmodels' `ttest_ind(usevar="unequal")` and
/// `CompareMeans.tconfint_diff(usevar="unequal")`. Used for revenue per customer, treated against
/// control.
public struct WelchTest: Sendable, Hashable, Codable {
    public var treated: SampleMoments
    public var control: SampleMoments
    public var alpha: Double
    /// treated mean − control mean.
    public var difference: Double
    /// nil when a group has fewer than two values or both variances are zero.
    public var t: Double?
    /// Welch–Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double?
    public var pValue: Double?
    public var interval: ClosedRange<Double>?

    public init(treated: SampleMoments, control: SampleMoments, alpha: Double = 0.05) {
        self.treated = treated
        self.control = control
        self.alpha = alpha
        difference = treated.mean - control.mean
        guard treated.count >= 2, control.count >= 2 else { return }
        let treatedTerm = treated.variance / Double(treated.count)
        let controlTerm = control.variance / Double(control.count)
        let squaredError = treatedTerm + controlTerm
        guard squaredError > 0 else {
            pValue = difference == 0 ? 1 : 0
            return
        }
        let df = squaredError * squaredError
            / (treatedTerm * treatedTerm / Double(treated.count - 1)
                + controlTerm * controlTerm / Double(control.count - 1))
        let standardError = squaredError.squareRoot()
        let t = difference / standardError
        self.t = t
        degreesOfFreedom = df
        pValue = StudentT.twoSidedPValue(t, degreesOfFreedom: df)
        let critical = StudentT.quantile(1 - alpha / 2, degreesOfFreedom: df)
        interval = (difference - critical * standardError)...(difference + critical * standardError)
    }
}
