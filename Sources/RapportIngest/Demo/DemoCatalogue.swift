/// A product of the demo shop. Prices and costs are in cents; the cost gives a margin of 25–60 %.
struct DemoProduct: Sendable {
    let sku: String
    let name: String
    let category: Int
    let priceCents: Int
    let costCents: Int
}

/// A department of the demo shop, with the page that lists it and the range of its margins.
struct DemoCategory: Sendable {
    let name: String
    let page: String
    /// How much of the shop's trade the department makes, before each customer's own taste.
    let popularity: Double
    let margin: ClosedRange<Double>
    /// Base products: name, variants (empty for none), lowest and highest price in euros.
    let items: [(String, [String], Double, Double)]
}

/// The demo catalogue: about 200 products in ten departments, each product's popularity inside its
/// department, and the table of which department tends to share a basket with which.
///
/// Guarantees: the same seed gives the same catalogue; SKUs are `P0001`, `P0002`… in order; every
/// price is positive and every cost below its price with a margin of 25 % to 60 %.
struct DemoCatalogue: Sendable {
    let categories: [DemoCategory]
    let products: [DemoProduct]
    /// Product indices of each category.
    let members: [[Int]]
    private let popularity: [DemoWeightedTable]
    private let affinity: [DemoWeightedTable]
    let categoryWeights: [Double]

    init(rng: inout DemoRandom) {
        categories = DemoCatalogue.departments
        var products: [DemoProduct] = []
        var members: [[Int]] = Array(repeating: [], count: categories.count)
        for (c, category) in categories.enumerated() {
            for (base, variants, low, high) in category.items {
                let names = variants.isEmpty ? [base] : variants.map { "\(base) \($0)" }
                for (v, name) in names.enumerated() {
                    // Later variants (bigger sizes) cost more.
                    let position = names.count == 1 ? rng.uniform() : (Double(v) + rng.uniform(0.2, 0.8)) / Double(names.count)
                    let price = DemoCatalogue.retailPrice(low + (high - low) * position, rng: &rng)
                    let margin = rng.uniform(category.margin.lowerBound, category.margin.upperBound)
                    let cost = max(1, Int((Double(price) * (1 - margin)).rounded()))
                    members[c].append(products.count)
                    products.append(
                        DemoProduct(
                            sku: "P" + DemoCatalogue.pad(products.count + 1, 4), name: name, category: c,
                            priceCents: price, costCents: cost))
                }
            }
        }
        self.products = products
        self.members = members
        // Popularity inside a department: Zipf over a shuffled order, so best-sellers are scattered.
        popularity = (0..<members.count).map { c in
            let count = members[c].count
            var ranks = Array(0..<count)
            for i in stride(from: count - 1, to: 0, by: -1) { ranks.swapAt(i, rng.int(i + 1)) }
            return DemoWeightedTable(ranks.map { 1 / DemoMath.pow(Double($0) + 1.5, 0.9) })
        }
        affinity = DemoCatalogue.affinityWeights.map { DemoWeightedTable($0) }
        categoryWeights = categories.map(\.popularity)
    }

    /// A product of `category`, drawn by popularity.
    func product(in category: Int, rng: inout DemoRandom) -> Int {
        members[category][popularity[category].draw(&rng)]
    }

    /// The category of the next basket line given the previous line's category.
    func companion(of category: Int, rng: inout DemoRandom) -> Int {
        affinity[category].draw(&rng)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// A shop price in cents near `euros`: 12.90, 12.99, 12.50 or 13.00 style.
    static func retailPrice(_ euros: Double, rng: inout DemoRandom) -> Int {
        let whole = max(1, Int(euros))
        switch rng.weighted([0.45, 0.25, 0.15, 0.15]) {
        case 0: return whole * 100 + 90
        case 1: return whole * 100 + 99
        case 2: return whole * 100 + 50
        default: return (whole + 1) * 100
        }
    }

    // Indices: 0 Kitchen, 1 Bakeware, 2 Tableware, 3 Coffee & Tea, 4 Textiles, 5 Garden, 6 Cleaning,
    // 7 Small appliances, 8 Gifts, 9 Books.
    static let kitchen = 0, bakeware = 1, tableware = 2, coffeeTea = 3, textiles = 4, garden = 5
    static let cleaning = 6, appliances = 7, gifts = 8, books = 9

    /// P(next line's category | this line's category), as weights: row = this line, column = next.
    /// Coffee & Tea goes with Tableware, Bakeware with Kitchen (and cookbooks), Garden with
    /// Cleaning, Small appliances with Coffee & Tea and Kitchen, Books with Bakeware.
    static let affinityWeights: [[Double]] = [
        //  Kit  Bak  Tab  Cof  Tex  Gar  Cle  App  Gif  Boo
        [2.5, 6.0, 1.5, 0.6, 1.5, 0.1, 1.5, 2.0, 0.3, 1.2],  // Kitchen
        [6.0, 2.5, 1.0, 0.4, 1.0, 0.1, 0.4, 0.8, 0.4, 2.5],  // Bakeware
        [1.0, 0.6, 2.5, 6.0, 2.5, 0.1, 0.3, 0.2, 0.8, 0.3],  // Tableware
        [0.5, 0.3, 6.0, 2.5, 0.6, 0.1, 0.2, 2.0, 1.2, 0.4],  // Coffee & Tea
        [1.2, 0.6, 3.0, 0.4, 2.5, 0.3, 0.8, 0.2, 0.8, 0.2],  // Textiles
        [0.2, 0.1, 0.2, 0.1, 0.8, 2.5, 6.0, 0.1, 0.4, 0.8],  // Garden
        [1.5, 0.3, 0.4, 0.2, 0.8, 6.0, 2.5, 0.3, 0.2, 0.3],  // Cleaning
        [3.0, 1.2, 0.5, 3.0, 0.3, 0.1, 0.8, 1.0, 0.3, 0.4],  // Small appliances
        [0.4, 0.5, 1.5, 2.0, 1.2, 0.4, 0.2, 0.3, 2.5, 2.0],  // Gifts
        [1.5, 3.0, 0.5, 0.8, 0.4, 1.2, 0.3, 0.2, 1.2, 2.5],  // Books
    ]

    static let departments: [DemoCategory] = [
        DemoCategory(
            name: "Kitchen", page: "/kitchen", popularity: 1.4, margin: 0.35...0.55,
            items: [
                ("Chef's Knife", ["15 cm", "20 cm"], 29, 89),
                ("Cast Iron Casserole", ["20 cm", "24 cm", "28 cm"], 79, 229),
                ("Stainless Steel Saucepan", ["16 cm", "18 cm", "20 cm"], 24, 59),
                ("Non-Stick Frying Pan", ["24 cm", "28 cm"], 19, 49),
                ("Wooden Chopping Board", ["Small", "Large"], 14, 39),
                ("Olive Wood Spatula", [], 6, 12),
                ("Salad Spinner", [], 14, 24),
                ("Garlic Press", [], 9, 19),
                ("Pepper Mill", ["Beech", "Walnut", "Black"], 19, 45),
                ("Kitchen Scale", [], 19, 35),
                ("Mixing Bowls, Set of 3", [], 19, 34),
                ("Utensil Holder", [], 12, 22),
                ("Enamel Colander", [], 14, 25),
                ("Magnetic Knife Block", [], 49, 99),
                ("Vegetable Peeler", [], 4, 9),
                ("Silicone Spatula Set", [], 9, 16),
                ("Stock Pot 8 L", [], 39, 69),
                ("Marble Mortar and Pestle", [], 19, 35),
            ]),
        DemoCategory(
            name: "Bakeware", page: "/bakeware", popularity: 1.0, margin: 0.40...0.60,
            items: [
                ("Springform Cake Tin", ["20 cm", "24 cm", "26 cm"], 12, 25),
                ("Loaf Tin 30 cm", [], 9, 16),
                ("Madeleine Tray", [], 12, 19),
                ("Tart Tin with Removable Base", ["24 cm", "28 cm"], 9, 18),
                ("Muffin Tray, 12 Cups", [], 12, 22),
                ("Silicone Baking Mat", [], 9, 16),
                ("Rolling Pin", ["Beech", "Marble"], 9, 29),
                ("Cooling Rack", [], 9, 15),
                ("Pastry Brush", [], 4, 8),
                ("Cookie Cutter Set", [], 6, 14),
                ("Baking Sheet", [], 9, 19),
                ("Ceramic Pie Dish", [], 14, 26),
                ("Kugelhopf Mould", [], 19, 34),
                ("Piping Bag Set", [], 9, 16),
                ("Bread Proving Basket", [], 15, 25),
                ("Oven Thermometer", [], 12, 24),
            ]),
        DemoCategory(
            name: "Tableware", page: "/tableware", popularity: 1.2, margin: 0.45...0.60,
            items: [
                ("Stoneware Dinner Plate", ["White", "Sage", "Slate"], 8, 16),
                ("Stoneware Side Plate", ["White", "Sage"], 6, 11),
                ("Pasta Bowl", ["White", "Terracotta"], 8, 15),
                ("Porcelain Mug", ["White", "Navy", "Mustard"], 7, 14),
                ("Wine Glasses, Set of 4", [], 24, 45),
                ("Tumblers, Set of 6", [], 18, 32),
                ("Cutlery Set, 24 Pieces", [], 49, 129),
                ("Serving Platter", [], 19, 39),
                ("Salad Bowl", ["Acacia", "Ceramic"], 19, 45),
                ("Espresso Cups, Set of 2", [], 12, 22),
                ("Butter Dish", [], 12, 22),
                ("Glass Carafe 1 L", [], 14, 24),
                ("Cake Stand", [], 24, 45),
            ]),
        DemoCategory(
            name: "Coffee & Tea", page: "/coffee-tea", popularity: 1.3, margin: 0.30...0.50,
            items: [
                ("Cafetière", ["3 Cups", "8 Cups"], 19, 45),
                ("Italian Moka Pot", ["3 Cups", "6 Cups"], 24, 49),
                ("Cast Iron Teapot", [], 35, 69),
                ("Glass Teapot with Infuser", [], 24, 39),
                ("Ethiopia Sidamo Coffee Beans 250 g", [], 8, 12),
                ("Colombia Huila Coffee Beans 1 kg", [], 24, 36),
                ("Earl Grey Loose Tea 100 g", [], 6, 10),
                ("Sencha Green Tea 100 g", [], 7, 12),
                ("Rooibos Vanilla 100 g", [], 6, 9),
                ("Manual Coffee Grinder", [], 35, 69),
                ("Pour-Over Dripper", [], 15, 29),
                ("Paper Filters, Pack of 100", [], 4, 7),
                ("Milk Jug", [], 12, 19),
                ("Tea Caddy", [], 9, 18),
                ("Chai Spice Blend 80 g", [], 6, 9),
                ("Coffee Storage Canister", [], 14, 24),
            ]),
        DemoCategory(
            name: "Textiles", page: "/textiles", popularity: 0.8, margin: 0.45...0.60,
            items: [
                ("Linen Tea Towel", ["Natural", "Striped", "Checked"], 8, 14),
                ("Cotton Apron", ["Navy", "Mustard", "Grey"], 18, 32),
                ("Oven Gloves", [], 12, 19),
                ("Linen Tablecloth", ["150 x 250 cm", "150 x 300 cm"], 39, 79),
                ("Cotton Napkins, Set of 4", [], 16, 28),
                ("Placemats, Set of 4", [], 14, 26),
                ("Table Runner", [], 19, 34),
                ("Pot Holder", [], 5, 9),
                ("Kids' Apron \"Little Chef\"", [], 12, 18),
                ("Cushion Cover 45 x 45 cm", [], 14, 24),
                ("Waffle Hand Towel", [], 9, 15),
            ]),
        DemoCategory(
            name: "Garden", page: "/garden", popularity: 0.7, margin: 0.35...0.55,
            items: [
                ("Terracotta Pot", ["14 cm", "20 cm", "30 cm"], 4, 29),
                ("Pruning Shears", [], 19, 45),
                ("Leather Garden Gloves", [], 12, 22),
                ("Watering Can 10 L", [], 19, 39),
                ("Herb Seed Kit", [], 9, 16),
                ("Wooden Planter Box", [], 29, 59),
                ("Bird Feeder", [], 14, 29),
                ("Hand Trowel", [], 8, 16),
                ("Garden Kneeler", [], 14, 24),
                ("Hose Reel 25 m", [], 39, 69),
                ("Potting Compost 40 L", [], 8, 13),
                ("Solar Garden Lights, Set of 6", [], 19, 35),
                ("Outdoor Lantern", [], 24, 45),
                ("Seed Tray", [], 4, 8),
            ]),
        DemoCategory(
            name: "Cleaning", page: "/cleaning", popularity: 0.7, margin: 0.35...0.55,
            items: [
                ("Natural Bristle Dish Brush", [], 5, 9),
                ("Microfibre Cloths, Pack of 6", [], 7, 12),
                ("Black Soap 1 L", [], 6, 11),
                ("White Vinegar Cleaner 1 L", [], 3, 6),
                ("Bicarbonate of Soda 1 kg", [], 4, 7),
                ("Broom and Dustpan Set", [], 19, 35),
                ("Glass Spray Bottle", [], 6, 11),
                ("Washing-Up Liquid Refill 1 L", [], 4, 8),
                ("Linen Spray Lavender", [], 8, 14),
                ("Cast Iron Care Kit", [], 12, 19),
                ("Bottle Brush Set", [], 6, 11),
                ("Willow Laundry Basket", [], 24, 45),
                ("Marseille Soap Flakes 750 g", [], 6, 10),
            ]),
        DemoCategory(
            name: "Small appliances", page: "/small-appliances", popularity: 0.5, margin: 0.25...0.35,
            items: [
                ("Electric Kettle", ["Cream", "Black", "Steel"], 39, 99),
                ("Two-Slice Toaster", ["Cream", "Black"], 39, 89),
                ("Stand Mixer", [], 199, 449),
                ("Hand Blender", [], 29, 69),
                ("Espresso Machine", [], 149, 399),
                ("Filter Coffee Maker", [], 49, 119),
                ("Food Processor", [], 89, 229),
                ("Slow Juicer", [], 59, 149),
                ("Bread Maker", [], 89, 179),
                ("Waffle Maker", [], 39, 69),
                ("Rice Cooker", [], 39, 89),
                ("Yogurt Maker", [], 29, 49),
                ("Electric Milk Frother", [], 39, 79),
            ]),
        DemoCategory(
            name: "Gifts", page: "/gifts", popularity: 0.6, margin: 0.40...0.60,
            items: [
                ("Scented Candle", ["Fig", "Cedar", "Orange Blossom"], 14, 29),
                ("Olive Oil Gift Box", [], 24, 39),
                ("Honey Tasting Set", [], 19, 32),
                ("Chocolate Truffles 250 g", [], 12, 22),
                ("Recipe Notebook", [], 12, 19),
                ("Serving Board with Cheese Knife", [], 29, 49),
                ("Espresso Gift Set", [], 29, 49),
                ("Tea Advent Calendar", [], 24, 39),
                ("Jam Making Kit", [], 24, 39),
                ("Reed Diffuser", [], 19, 34),
                ("Herb Keeper", [], 19, 29),
            ]),
        DemoCategory(
            name: "Books", page: "/books", popularity: 0.4, margin: 0.25...0.35,
            items: [
                ("The Everyday French Kitchen", [], 24, 35),
                ("Bread: A Baker's Handbook", [], 22, 32),
                ("The Art of Slow Coffee", [], 18, 26),
                ("Sourdough at Home", [], 19, 28),
                ("Tea: A World Tour", [], 22, 30),
                ("Vegetables from the Garden", [], 19, 29),
                ("Pâtisserie Made Simple", [], 24, 35),
                ("The Small Garden Planner", [], 16, 24),
                ("One Pot Dinners", [], 16, 24),
                ("Preserves and Pickles", [], 18, 26),
                ("Kids Can Bake!", [], 12, 18),
                ("Clean, Naturally", [], 14, 20),
                ("Cuisine de Grand-Mère", [], 22, 32),
                ("The Cheese Board", [], 24, 34),
                ("Mediterranean Summer", [], 24, 35),
                ("Baking with Less Sugar", [], 19, 28),
            ]),
    ]
}
