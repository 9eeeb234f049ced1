public import RapportCore

/// One suggestion for one customer, with the evidence behind it.
public struct Offer: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A category the customer has not bought, that buyers of their categories also buy.
        case crossSell = "cross-sell"
        /// A dearer product in a category the customer already buys.
        case upSell = "up-sell"
    }

    public var kind: Kind
    public var category: String
    /// The product to put forward (the category's best seller for a cross-sell).
    public var sku: String?
    public var productName: String?
    public var price: Double?
    /// Confidence of the rule (cross-sell) or the product's share of its category's buyers (up-sell).
    public var score: Double
    public var reason: String
}

/// Next best offers from what each customer bought: cross-sell through category association rules
/// (antecedent among the customer's categories, consequent not bought yet), up-sell to a product of
/// an owned category priced above the dearest one the customer bought there and not owned.
public struct NextBestOffers: Sendable {
    private let frame: TargetingFrame
    private let rules: [AssociationRule]
    private let categoryNames: [String]
    private let catalogue: [String: ProductFact]
    /// Per category name: the best-selling sku and the skus by number of buyers.
    private let bestSeller: [String: String]
    private let buyers: [String: Int]
    private let productsByCategory: [String: [ProductFact]]

    /// `rules` are category-level rules whose item codes index `categoryNames` (the frame's line
    /// categories, as `Baskets.orders(of:level: .category)` gives them).
    public init(frame: TargetingFrame, categoryRules rules: [AssociationRule], categoryNames: [String], products: [ProductFact]) {
        self.frame = frame
        self.rules = rules.filter { $0.consequent.count == 1 && $0.lift > 1 }
        self.categoryNames = categoryNames
        catalogue = Dictionary(products.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        var buyers: [String: Set<Int>] = [:]
        let lines = frame.lines
        for customer in 0 ..< frame.count {
            for row in lines.start[customer] ..< lines.start[customer + 1] {
                if let sku = lines.products.value(at: row) { buyers[sku, default: []].insert(customer) }
            }
        }
        let buyerCounts = buyers.mapValues(\.count)
        self.buyers = buyerCounts
        var byCategory: [String: [ProductFact]] = [:]
        for product in products { if let category = product.category { byCategory[category, default: []].append(product) } }
        productsByCategory = byCategory
        var best: [String: String] = [:]
        for (category, members) in byCategory {
            best[category] = members.max { (buyerCounts[$0.sku] ?? 0, $1.sku) < (buyerCounts[$1.sku] ?? 0, $0.sku) }?.sku
        }
        bestSeller = best
    }

    /// Up to `limit` offers of each kind for the customer at dense index `customer`, best first.
    public func offers(for customer: Int, limit: Int = 3) -> [Offer] {
        let lines = frame.lines
        var ownedCategories = Set<Int32>()
        var ownedProducts = Set<String>()
        var dearest: [String: Double] = [:]
        for row in lines.start[customer] ..< lines.start[customer + 1] {
            let code = lines.categories.codes[row]
            if code >= 0 { ownedCategories.insert(code) }
            if let sku = lines.products.value(at: row) {
                ownedProducts.insert(sku)
                if let product = catalogue[sku], let category = product.category, let price = product.price {
                    dearest[category] = max(dearest[category] ?? 0, price)
                }
            }
        }
        var offers: [Offer] = []
        var proposed = Set<Int32>()
        for rule in rules where offers.count < limit {
            let consequent = rule.consequent[0]
            guard !ownedCategories.contains(consequent), !proposed.contains(consequent),
                rule.antecedent.allSatisfy(ownedCategories.contains)
            else { continue }
            proposed.insert(consequent)
            let category = categoryNames[Int(consequent)]
            let sku = bestSeller[category]
            let because = rule.antecedent.map { categoryNames[Int($0)] }.joined(separator: " + ")
            offers.append(
                Offer(
                    kind: .crossSell, category: category, sku: sku, productName: sku.flatMap { catalogue[$0]?.name },
                    price: sku.flatMap { catalogue[$0]?.price }, score: rule.confidence,
                    reason: "bought \(because); \(Int((rule.confidence * 100).rounded()))% of such baskets also hold \(category) "
                        + "(lift \(NumberText.decimal(rule.lift, places: 2)))"))
        }
        var upSells: [Offer] = []
        for (category, paid) in dearest {
            let candidates = (productsByCategory[category] ?? []).filter {
                ($0.price ?? 0) > paid && !ownedProducts.contains($0.sku)
            }
            let withinReach = candidates.filter { ($0.price ?? 0) <= 2 * paid }
            guard
                let pick = (withinReach.isEmpty ? candidates : withinReach).max(by: {
                    (buyers[$0.sku] ?? 0, -($0.price ?? 0)) < (buyers[$1.sku] ?? 0, -($1.price ?? 0))
                })
            else { continue }
            let categoryBuyers = max(1, (productsByCategory[category] ?? []).reduce(0) { $0 + (buyers[$1.sku] ?? 0) })
            upSells.append(
                Offer(
                    kind: .upSell, category: category, sku: pick.sku, productName: pick.name, price: pick.price,
                    score: Double(buyers[pick.sku] ?? 0) / Double(categoryBuyers),
                    reason: "dearest \(category) bought so far at \(NumberText.decimal(paid, places: 2)); this one at \(NumberText.decimal(pick.price ?? 0, places: 2))"))
        }
        upSells.sort { $0.score != $1.score ? $0.score > $1.score : $0.category < $1.category }
        return offers + upSells.prefix(limit)
    }

}

/// `12.30`: two decimals without Foundation's formatter.
