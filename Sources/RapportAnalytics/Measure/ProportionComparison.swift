import Foundation

/// Successes out of trials in one group (converted customers out of treated customers, say).
public struct Proportion: Sendable, Hashable, Codable {
    public var successes: Int
    public var trials: Int

    public init(successes: Int, trials: Int) {
        precondition(successes >= 0 && trials >= successes, "successes are between 0 and the trials")
        self.successes = successes
        self.trials = trials
    }

    /// successes / trials; 0 when there are no trials.
    public var rate: Double { trials == 0 ? 0 : Double(successes) / Double(trials) }

    /// Wilson's score interval (no continuity correction) at confidence 1 − `alpha`; nil without trials.
    public func wilsonInterval(alpha: Double = 0.05) -> ClosedRange<Double>? {
        guard trials > 0 else { return nil }
        let z = StandardNormal.quantile(1 - alpha / 2)
        let n = Double(trials)
        let p = rate
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return max(0, centre - halfWidth)...min(1, centre + halfWidth)
    }
}

/// The difference between the rate of a treated group and that of its control group: the
/// two-proportion z-test with the pooled variance (statsmodels' `proportions_ztest`) and
/// Newcombe's hybrid score interval for the difference (statsmodels'
/// `confint_proportions_2indep(method="newcomb")`), both two-sided.
public struct ProportionComparison: Sendable, Hashable, Codable {
    public var treated: Proportion
    public var control: Proportion
    public var alpha: Double
    /// treated rate − control rate.
    public var difference: Double
    /// The z statistic; nil when a group is empty or the pooled rate is 0 or 1 (no variance).
    public var z: Double?
    /// The two-sided p-value of `z`; 1 when there is no variance and the rates are equal; nil when
    /// a group is empty.
    public var pValue: Double?
    /// Newcombe's interval for `difference`; nil when a group is empty.
    public var interval: ClosedRange<Double>?

    public init(treated: Proportion, control: Proportion, alpha: Double = 0.05) {
        self.treated = treated
        self.control = control
        self.alpha = alpha
        difference = treated.rate - control.rate
        guard treated.trials > 0, control.trials > 0 else { return }
        let pooled = Double(treated.successes + control.successes) / Double(treated.trials + control.trials)
        let variance = pooled * (1 - pooled) * (1 / Double(treated.trials) + 1 / Double(control.trials))
        if variance > 0 {
            let z = difference / variance.squareRoot()
            self.z = z
            pValue = 2 * StandardNormal.survival(abs(z))
        } else {
            pValue = difference == 0 ? 1 : 0
        }
        if let treatedInterval = treated.wilsonInterval(alpha: alpha),
            let controlInterval = control.wilsonInterval(alpha: alpha)
        {
            let below = ((treated.rate - treatedInterval.lowerBound).squared
                + (controlInterval.upperBound - control.rate).squared).squareRoot()
            let above = ((control.rate - controlInterval.lowerBound).squared
                + (treatedInterval.upperBound - treated.rate).squared).squareRoot()
            interval = (difference - below)...(difference + above)
        }
    }

    /// Whether the interval excludes zero at the chosen confidence.
    public var isSignificant: Bool { (pValue ?? 1) < alpha }
}

extension Double {
    fileprivate var squared: Double { self * self }
}
