/// The countries the demo shop sells to, with what a person's row needs from each.
enum DemoCountry: Int, Sendable, CaseIterable {
    case fr, gb, be, ch

    var code: String {
        switch self {
        case .fr: return "FR"
        case .gb: return "GB"
        case .be: return "BE"
        case .ch: return "CH"
        }
    }

    var timezone: String {
        switch self {
        case .fr: return "Europe/Paris"
        case .gb: return "Europe/London"
        case .be: return "Europe/Brussels"
        case .ch: return "Europe/Zurich"
        }
    }

    var callingCode: String {
        switch self {
        case .fr: return "33"
        case .gb: return "44"
        case .be: return "32"
        case .ch: return "41"
        }
    }

    /// Share of the people living there.
    static let weights: [Double] = [0.78, 0.12, 0.06, 0.04]
}

/// A town with its postcodes. French, Belgian and Swiss postcodes are listed; British ones are an
/// outward code from the list and a generated inward code (`SW11 4NJ`).
struct DemoCity: Sendable {
    let name: String
    let country: DemoCountry
    let weight: Double
    let postcodes: [String]
    /// French landline zone (1 Paris … 5 south-west); the first digit of other landlines.
    let zone: Int
}

/// A shop of the demo retailer, in one of the cities.
struct DemoStore: Sendable {
    let name: String
    let city: String
}

/// A telephone number as digits (the national significant number, without trunk `0`), written in
/// the styles people really use.
struct DemoPhone: Sendable, Equatable {
    let country: DemoCountry
    let digits: [UInt8]
    let mobile: Bool

    /// The number written in style `style` (0 is the most common national writing). Every style is
    /// valid for the person's own country: a national writing starts with `0`.
    func write(style: Int) -> String {
        let n = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        func groups(_ text: String, _ sizes: [Int], separator: String) -> String {
            var parts: [String] = []
            var index = text.startIndex
            for size in sizes {
                guard index < text.endIndex else { break }
                let end = text.index(index, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex
                parts.append(String(text[index..<end]))
                index = end
            }
            if index < text.endIndex { parts.append(String(text[index...])) }
            return parts.joined(separator: separator)
        }
        let cc = country.callingCode
        switch country {
        case .fr:
            let national = "0" + n
            switch style {
            case 0: return groups(national, [2, 2, 2, 2, 2], separator: " ")
            case 1: return national
            case 2: return groups(national, [2, 2, 2, 2, 2], separator: ".")
            case 3: return "+33 " + groups(n, [1, 2, 2, 2, 2], separator: " ")
            case 4: return "+33" + n
            default: return "0033 " + groups(n, [1, 2, 2, 2, 2], separator: " ")
            }
        case .gb:
            let isLondon = n.hasPrefix("20")
            let nationalSizes = isLondon ? [3, 4, 4] : [5, 6]
            let intlSizes = isLondon ? [2, 4, 4] : [4, 6]
            switch style {
            case 0: return groups("0" + n, nationalSizes, separator: " ")
            case 1: return "0" + n
            case 2: return "+44 " + groups(n, intlSizes, separator: " ")
            case 3: return "+44" + n
            case 4: return "+44 (0)" + groups(n, intlSizes, separator: " ")
            default: return "0044 " + groups(n, intlSizes, separator: " ")
            }
        case .be:
            let sizes = mobile ? [3, 2, 2, 2] : [1, 3, 2, 2]
            switch style {
            case 0: return groups("0" + n, mobile ? [4, 2, 2, 2] : [2, 3, 2, 2], separator: " ")
            case 1: return "0" + n
            case 2: return "+32 " + groups(n, sizes, separator: " ")
            case 3: return "+32" + n
            case 4: return mobile ? "0" + String(n.prefix(3)) + "/" + groups(String(n.dropFirst(3)), [2, 2, 2], separator: ".") : "+32 (0)" + groups(n, sizes, separator: " ")
            default: return "0032 " + groups(n, sizes, separator: " ")
            }
        case .ch:
            switch style {
            case 0: return groups("0" + n, [3, 3, 2, 2], separator: " ")
            case 1: return "0" + n
            case 2: return "+41 " + groups(n, [2, 3, 2, 2], separator: " ")
            case 3: return "+" + cc + n
            case 4: return "+41 (0)" + groups(n, [2, 3, 2, 2], separator: " ")
            default: return "0041 " + groups(n, [2, 3, 2, 2], separator: " ")
            }
        }
    }

    /// The style most people of this country use, with some variety.
    static func randomStyle(_ rng: inout DemoRandom) -> Int {
        rng.weighted([0.50, 0.14, 0.10, 0.16, 0.06, 0.04])
    }

    /// A plausible random number of a person living in `city`.
    static func random(in city: DemoCity, rng: inout DemoRandom) -> DemoPhone {
        var d: [UInt8] = []
        func append(_ count: Int) {
            for _ in 0..<count { d.append(UInt8(rng.int(10))) }
        }
        let mobile: Bool
        switch city.country {
        case .fr:
            mobile = rng.chance(0.8)
            d.append(mobile ? (rng.chance(0.7) ? 6 : 7) : UInt8(city.zone))
            if mobile && d[0] == 7 { d.append(UInt8(rng.int(in: 3...8))) } else { append(1) }
            append(7)
        case .gb:
            mobile = rng.chance(0.85)
            if mobile {
                d = [7, UInt8(rng.int(in: 4...9))]
                append(8)
            } else if city.zone == 0 {
                d = [2, 0, 7]
                append(7)
            } else {
                d = [1, UInt8(city.zone)]
                append(8)
            }
        case .be:
            mobile = rng.chance(0.8)
            if mobile {
                d = [4, UInt8(rng.int(in: 7...9))]
                append(7)
            } else {
                d = [UInt8(city.zone)]
                append(7)
            }
        case .ch:
            mobile = rng.chance(0.75)
            if mobile {
                d = [7, UInt8(rng.int(in: 5...9))]
            } else {
                d = [UInt8(city.zone / 10), UInt8(city.zone % 10)]
            }
            append(7)
        }
        return DemoPhone(country: city.country, digits: d, mobile: mobile)
    }
}

/// Towns, postcodes and shops of the demo.
enum DemoPlaces {
    static func frenchRange(_ prefix: String, _ range: ClosedRange<Int>) -> [String] {
        range.map { prefix + ($0 < 10 ? "0" : "") + String($0) }
    }

    static let cities: [DemoCity] = [
        DemoCity(name: "Paris", country: .fr, weight: 21, postcodes: frenchRange("750", 1...20), zone: 1),
        DemoCity(name: "Marseille", country: .fr, weight: 8.7, postcodes: frenchRange("130", 1...16), zone: 4),
        DemoCity(name: "Lyon", country: .fr, weight: 5.2, postcodes: frenchRange("690", 1...9), zone: 4),
        DemoCity(name: "Toulouse", country: .fr, weight: 4.9, postcodes: ["31000", "31200", "31300", "31400", "31500"], zone: 5),
        DemoCity(name: "Nice", country: .fr, weight: 3.4, postcodes: ["06000", "06100", "06200", "06300"], zone: 4),
        DemoCity(name: "Nantes", country: .fr, weight: 3.2, postcodes: ["44000", "44100", "44200", "44300"], zone: 2),
        DemoCity(name: "Montpellier", country: .fr, weight: 3.0, postcodes: ["34000", "34070", "34080", "34090"], zone: 4),
        DemoCity(name: "Strasbourg", country: .fr, weight: 2.9, postcodes: ["67000", "67100", "67200"], zone: 3),
        DemoCity(name: "Bordeaux", country: .fr, weight: 2.6, postcodes: ["33000", "33100", "33200", "33300", "33800"], zone: 5),
        DemoCity(name: "Lille", country: .fr, weight: 2.4, postcodes: ["59000", "59160", "59260", "59800"], zone: 3),
        DemoCity(name: "Rennes", country: .fr, weight: 2.2, postcodes: ["35000", "35200", "35700"], zone: 2),
        DemoCity(name: "Reims", country: .fr, weight: 1.8, postcodes: ["51100"], zone: 3),
        DemoCity(name: "Saint-Étienne", country: .fr, weight: 1.7, postcodes: ["42000", "42100"], zone: 4),
        DemoCity(name: "Le Havre", country: .fr, weight: 1.6, postcodes: ["76600", "76610", "76620"], zone: 2),
        DemoCity(name: "Toulon", country: .fr, weight: 1.6, postcodes: ["83000", "83100", "83200"], zone: 4),
        DemoCity(name: "Grenoble", country: .fr, weight: 1.6, postcodes: ["38000", "38100"], zone: 4),
        DemoCity(name: "Dijon", country: .fr, weight: 1.5, postcodes: ["21000"], zone: 3),
        DemoCity(name: "Angers", country: .fr, weight: 1.5, postcodes: ["49000", "49100"], zone: 2),
        DemoCity(name: "Nîmes", country: .fr, weight: 1.4, postcodes: ["30000", "30900"], zone: 4),
        DemoCity(name: "Villeurbanne", country: .fr, weight: 1.4, postcodes: ["69100"], zone: 4),
        DemoCity(name: "Clermont-Ferrand", country: .fr, weight: 1.4, postcodes: ["63000", "63100"], zone: 4),
        DemoCity(name: "Le Mans", country: .fr, weight: 1.4, postcodes: ["72000", "72100"], zone: 2),
        DemoCity(name: "Aix-en-Provence", country: .fr, weight: 1.4, postcodes: ["13090", "13100", "13290"], zone: 4),
        DemoCity(name: "Brest", country: .fr, weight: 1.3, postcodes: ["29200"], zone: 2),
        DemoCity(name: "Tours", country: .fr, weight: 1.3, postcodes: ["37000", "37100", "37200"], zone: 2),
        DemoCity(name: "Amiens", country: .fr, weight: 1.2, postcodes: ["80000", "80080", "80090"], zone: 3),
        DemoCity(name: "Limoges", country: .fr, weight: 1.2, postcodes: ["87000", "87100"], zone: 5),
        DemoCity(name: "Annecy", country: .fr, weight: 1.2, postcodes: ["74000", "74370", "74960"], zone: 4),
        DemoCity(name: "Perpignan", country: .fr, weight: 1.1, postcodes: ["66000", "66100"], zone: 4),
        DemoCity(name: "Metz", country: .fr, weight: 1.1, postcodes: ["57000", "57050", "57070"], zone: 3),
        DemoCity(name: "Besançon", country: .fr, weight: 1.1, postcodes: ["25000"], zone: 3),
        DemoCity(name: "Orléans", country: .fr, weight: 1.1, postcodes: ["45000", "45100"], zone: 2),
        DemoCity(name: "Rouen", country: .fr, weight: 1.1, postcodes: ["76000", "76100"], zone: 2),
        DemoCity(name: "Caen", country: .fr, weight: 1.0, postcodes: ["14000"], zone: 2),
        DemoCity(name: "Nancy", country: .fr, weight: 1.0, postcodes: ["54000", "54100"], zone: 3),
        DemoCity(name: "Avignon", country: .fr, weight: 0.9, postcodes: ["84000"], zone: 4),
        DemoCity(name: "La Rochelle", country: .fr, weight: 0.8, postcodes: ["17000"], zone: 5),
        DemoCity(name: "Pau", country: .fr, weight: 0.8, postcodes: ["64000"], zone: 5),
        DemoCity(name: "Bayonne", country: .fr, weight: 0.5, postcodes: ["64100"], zone: 5),
        DemoCity(name: "Colmar", country: .fr, weight: 0.7, postcodes: ["68000"], zone: 3),
        DemoCity(name: "Quimper", country: .fr, weight: 0.6, postcodes: ["29000"], zone: 2),
        DemoCity(name: "Vannes", country: .fr, weight: 0.6, postcodes: ["56000"], zone: 2),
        DemoCity(name: "Saint-Malo", country: .fr, weight: 0.5, postcodes: ["35400"], zone: 2),
        DemoCity(name: "Chambéry", country: .fr, weight: 0.6, postcodes: ["73000"], zone: 4),
        DemoCity(name: "Versailles", country: .fr, weight: 0.9, postcodes: ["78000"], zone: 1),
        DemoCity(name: "Boulogne-Billancourt", country: .fr, weight: 1.2, postcodes: ["92100"], zone: 1),
        DemoCity(name: "Montreuil", country: .fr, weight: 1.1, postcodes: ["93100"], zone: 1),
        DemoCity(name: "Vincennes", country: .fr, weight: 0.5, postcodes: ["94300"], zone: 1),
        DemoCity(name: "Arles", country: .fr, weight: 0.4, postcodes: ["13200"], zone: 4),
        DemoCity(name: "Sète", country: .fr, weight: 0.3, postcodes: ["34200"], zone: 4),
        DemoCity(name: "Honfleur", country: .fr, weight: 0.1, postcodes: ["14600"], zone: 2),
        DemoCity(name: "Uzès", country: .fr, weight: 0.1, postcodes: ["30700"], zone: 4),
        DemoCity(name: "Gap", country: .fr, weight: 0.3, postcodes: ["05000"], zone: 4),
        DemoCity(name: "Ajaccio", country: .fr, weight: 0.5, postcodes: ["20000", "20090"], zone: 4),
        // British outward codes; zone: first landline digits after 0 (0 = London 020).
        DemoCity(name: "London", country: .gb, weight: 9, postcodes: ["SW1A", "SW11", "SE1", "SE15", "N1", "N16", "E1", "E8", "W1T", "W11", "NW1", "NW3", "EC1V", "WC2H"], zone: 0),
        DemoCity(name: "Manchester", country: .gb, weight: 2.5, postcodes: ["M1", "M4", "M14", "M20"], zone: 6),
        DemoCity(name: "Birmingham", country: .gb, weight: 2.2, postcodes: ["B1", "B13", "B15", "B29"], zone: 2),
        DemoCity(name: "Leeds", country: .gb, weight: 1.5, postcodes: ["LS1", "LS6", "LS8"], zone: 1),
        DemoCity(name: "Bristol", country: .gb, weight: 1.5, postcodes: ["BS1", "BS6", "BS8"], zone: 1),
        DemoCity(name: "Edinburgh", country: .gb, weight: 1.4, postcodes: ["EH1", "EH3", "EH10"], zone: 3),
        DemoCity(name: "Glasgow", country: .gb, weight: 1.4, postcodes: ["G1", "G3", "G12"], zone: 4),
        DemoCity(name: "Liverpool", country: .gb, weight: 1.0, postcodes: ["L1", "L8", "L17"], zone: 5),
        DemoCity(name: "Brighton", country: .gb, weight: 0.9, postcodes: ["BN1", "BN2"], zone: 2),
        DemoCity(name: "Oxford", country: .gb, weight: 0.6, postcodes: ["OX1", "OX2", "OX4"], zone: 8),
        DemoCity(name: "Cambridge", country: .gb, weight: 0.6, postcodes: ["CB1", "CB2", "CB4"], zone: 2),
        DemoCity(name: "Cardiff", country: .gb, weight: 0.8, postcodes: ["CF10", "CF11", "CF24"], zone: 2),
        DemoCity(name: "Bruxelles", country: .be, weight: 5, postcodes: ["1000", "1040", "1050", "1060", "1180"], zone: 2),
        DemoCity(name: "Liège", country: .be, weight: 1.8, postcodes: ["4000", "4020"], zone: 4),
        DemoCity(name: "Namur", country: .be, weight: 1.0, postcodes: ["5000"], zone: 8),
        DemoCity(name: "Charleroi", country: .be, weight: 1.2, postcodes: ["6000"], zone: 7),
        DemoCity(name: "Louvain-la-Neuve", country: .be, weight: 0.5, postcodes: ["1348"], zone: 1),
        DemoCity(name: "Mons", country: .be, weight: 0.6, postcodes: ["7000"], zone: 6),
        DemoCity(name: "Genève", country: .ch, weight: 4, postcodes: ["1201", "1202", "1204", "1205", "1206", "1207"], zone: 22),
        DemoCity(name: "Lausanne", country: .ch, weight: 2.5, postcodes: ["1003", "1004", "1005", "1006"], zone: 21),
        DemoCity(name: "Fribourg", country: .ch, weight: 0.8, postcodes: ["1700"], zone: 26),
        DemoCity(name: "Neuchâtel", country: .ch, weight: 0.8, postcodes: ["2000"], zone: 32),
        DemoCity(name: "Sion", country: .ch, weight: 0.6, postcodes: ["1950"], zone: 27),
    ]

    /// City indices of each country, and their weights.
    static let citiesByCountry: [[Int]] = DemoCountry.allCases.map { country in
        cities.indices.filter { cities[$0].country == country }
    }
    static let cityTables: [DemoWeightedTable] = citiesByCountry.map { DemoWeightedTable($0.map { cities[$0].weight }) }

    /// A city of `country`, by population.
    static func city(in country: DemoCountry, rng: inout DemoRandom) -> Int {
        citiesByCountry[country.rawValue][cityTables[country.rawValue].draw(&rng)]
    }

    /// A postcode of `city`: a listed one, or for Britain an outward code and a made-up inward code.
    static func postcode(of city: DemoCity, rng: inout DemoRandom) -> String {
        let base = rng.pick(city.postcodes)
        guard city.country == .gb else { return base }
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        return base + " " + String(rng.int(10)) + String(rng.pick(letters)) + String(rng.pick(letters))
    }

    static let stores: [DemoStore] = [
        DemoStore(name: "Paris Rivoli", city: "Paris"),
        DemoStore(name: "Paris Batignolles", city: "Paris"),
        DemoStore(name: "Lyon Presqu'île", city: "Lyon"),
        DemoStore(name: "Marseille Vieux-Port", city: "Marseille"),
        DemoStore(name: "Bordeaux Sainte-Catherine", city: "Bordeaux"),
        DemoStore(name: "Lille Grand Place", city: "Lille"),
        DemoStore(name: "Nantes Graslin", city: "Nantes"),
        DemoStore(name: "Toulouse Capitole", city: "Toulouse"),
        DemoStore(name: "Strasbourg Kléber", city: "Strasbourg"),
        DemoStore(name: "London Covent Garden", city: "London"),
        DemoStore(name: "Bruxelles Louise", city: "Bruxelles"),
        DemoStore(name: "Genève Rive", city: "Genève"),
    ]

    /// For each city, the shops its people walk into: the city's own, and for Villeurbanne,
    /// Boulogne-Billancourt and the like, the big city's.
    static let storesOfCity: [[Int]] = cities.map { city in
        let home: String
        switch city.name {
        case "Villeurbanne": home = "Lyon"
        case "Boulogne-Billancourt", "Montreuil", "Vincennes", "Versailles": home = "Paris"
        case "Aix-en-Provence": home = "Marseille"
        default: home = city.name
        }
        return stores.indices.filter { stores[$0].city == home }
    }
}
