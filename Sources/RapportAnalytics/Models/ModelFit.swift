/// How hard the optimiser tries.
public struct FitOptions: Sendable, Hashable {
    /// Converged when the gradient (in log parameters) is this small relative to the log-likelihood.
    public var gradientTolerance = 1e-10
    /// Or when an iteration improves the log-likelihood by less than this, relatively (and the
    /// gradient is within a thousand times its tolerance). At 1e-12 the parameters are settled to
    /// about six significant digits, below which a sum over millions of customers is noise.
    public var relativeTolerance = 1e-12
    public var maximumIterations = 500
    /// Above this many customers the fit starts from the fit of an evenly spread sample of
    /// `warmStartSample` of them, which saves most of the iterations over the whole data.
    public var warmStartAbove = 100_000
    public var warmStartSample = 20_000
    /// Named in errors.
    var modelName = "model"
    /// The optimiser's starting curvature (inverse Hessian in log parameters), from a warm start.
    var initialInverseHessian: [[Double]]? = nil

    /// Options for the fit on all `count` customers that starts from `sample`, a fit on `sampleCount`.
    func continuing(from sample: FittedParameters, sampleCount: Int, count: Int) -> FitOptions {
        var options = self
        // The log-likelihood grows with the number of customers, its curvature with it.
        let ratio = Double(sampleCount) / Double(count)
        options.initialInverseHessian = sample.inverseHessian.map { matrix in matrix.map { row in row.map { $0 * ratio } } }
        return options
    }

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
    /// The optimiser's final inverse-Hessian approximation in log parameters.
    let inverseHessian: [[Double]]?

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
    case badInput(model: String, row: Int, field: String, value: String, rule: String)

    public var description: String {
        switch self {
        case .tooFewCustomers(let model, let needed, let found):
            return "\(model) needs at least \(needed) customers with the data it uses; found \(found)"
        case .badInput(let model, let row, let field, let value, let rule):
            return "\(model): row \(row + 1), \(field) \(value) must be \(rule)"
        case .startNotFinite(let model, let start):
            return "\(model): the likelihood is not finite at the start values (\(start)); check the summary for extreme values"
        }
    }
}
