/// How hard the optimiser tries.
public struct FitOptions: Sendable, Hashable {
    /// Converged when the gradient (in log parameters) is this small relative to the log-likelihood.
    public var gradientTolerance = 1e-10
    /// Or when an iteration improves the log-likelihood by less than this, relatively.
    public var relativeTolerance = 1e-15
    public var maximumIterations = 500
    /// Named in errors.
    var modelName = "model"

    public init() {}
}

/// Fitted parameters, in the order of `names`, with their standard errors (nil when the data
/// cannot pin a parameter down) and the maximised log-likelihood.
public struct FittedParameters: Sendable, Hashable {
    public let names: [String]
    public let values: [Double]
    public let standardErrors: [Double?]
    public let logLikelihood: Double
    public let iterations: Int
    /// False when the optimiser stopped on its iteration limit or could not improve further
    /// before the gradient was small: the values are then the best found, not a proven optimum.
    public let converged: Bool

    public subscript(_ name: String) -> Double? { names.firstIndex(of: name).map { values[$0] } }
}

/// A fitted model with what the fit said about it.
public struct ModelFit<Model: Sendable>: Sendable {
    public let model: Model
    public let parameters: FittedParameters
    /// Customers the likelihood was summed over.
    public let customers: Int
}

/// Why a model could not be fitted.
public enum ModelFitError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooFewCustomers(model: String, needed: Int, found: Int)
    case startNotFinite(model: String, start: String)

    public var description: String {
        switch self {
        case .tooFewCustomers(let model, let needed, let found):
            return "\(model) needs at least \(needed) customers with the data it uses; found \(found)"
        case .startNotFinite(let model, let start):
            return "\(model): the likelihood is not finite at the start values (\(start)); check the summary for extreme values"
        }
    }
}
