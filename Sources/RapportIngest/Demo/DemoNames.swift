/// First and last names, e-mail domains and the folding of names into e-mail addresses.
/// Lists are roughly in order of frequency; draws favour the head of each list.
enum DemoNames {
    static let frenchFemale = [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Camille", "Sophie", "Christine", "Valérie",
        "Sandrine", "Julie", "Céline", "Léa", "Chloé", "Manon", "Emma", "Françoise", "Hélène", "Stéphanie",
        "Aurélie", "Claire", "Anne", "Élodie", "Inès", "Sarah", "Mélanie", "Laëtitia", "Gaëlle", "Émilie",
        "Pauline", "Lucie", "Juliette", "Louise", "Jeanne", "Agnès", "Cécile", "Béatrice", "Geneviève",
        "Danièle", "Monique", "Brigitte", "Odile", "Noémie", "Zoé", "Maëlle", "Anaïs", "Océane", "Margaux",
        "Amélie", "Joséphine", "Thérèse", "Solène", "Clémence", "Maïwenn", "Anne-Sophie", "Marie-Claire",
    ]
    static let frenchMale = [
        "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Stéphane", "Laurent",
        "Julien", "Thomas", "François", "Éric", "Sébastien", "Frédéric", "Olivier", "Antoine", "Mathieu",
        "Jérôme", "Benoît", "Hugo", "Lucas", "Louis", "Gabriel", "Raphaël", "Théo", "Maxime", "Clément",
        "Baptiste", "Jean-Pierre", "Jean-Luc", "Jean-François", "Hervé", "Gérard", "Rémi", "Cédric",
        "Grégoire", "Joël", "Noël", "Loïc", "Yannick", "Bruno", "Damien", "Quentin", "Adrien", "Arnaud",
        "Mathéo", "Élie", "Gaël", "Aurélien",
    ]
    static let frenchLast = [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure",
        "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand",
        "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
        "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour",
        "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
        "Arnaud", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger",
        "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Bourgeois", "Leclerc", "Rolland",
        "Guillaume", "Lecomte", "Lopez", "Dupuy", "Hubert", "Berger", "Carpentier", "Dupuis", "Moulin",
        "Deschamps", "Huet", "Vasseur", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Poirier", "Marty",
        "Aubry", "Carré", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé",
        "Le Gall", "Collet", "Léger", "Bouvier", "Prévost", "Millet", "Perrot", "Le Roux", "Germain",
        "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc",
        "Barré", "Lebrun", "Weber", "Hamon", "Boulanger", "Michaud", "Étienne", "Poulain", "Tessier",
        "Chauvin", "Da Silva", "Lemaître", "Bénard", "Humbert", "Reynaud", "Barthélemy", "Cordier", "Lejeune",
        "Delaunay", "Pasquier", "Laporte", "N'Diaye", "Dos Santos", "Benali", "Nguyen", "Kowalski",
    ]
    static let englishFemale = [
        "Sarah", "Emma", "Olivia", "Sophie", "Emily", "Charlotte", "Jessica", "Hannah", "Lucy", "Laura",
        "Rebecca", "Rachel", "Amelia", "Grace", "Lily", "Chloe", "Isla", "Ava", "Victoria", "Elizabeth",
        "Katherine", "Helen", "Margaret", "Susan", "Joanne", "Claire", "Fiona", "Siobhan", "Niamh", "Zoë",
        "Harriet", "Alice", "Eleanor", "Freya",
    ]
    static let englishMale = [
        "James", "David", "John", "Thomas", "Daniel", "Oliver", "George", "Harry", "Jack", "William",
        "Matthew", "Andrew", "Richard", "Michael", "Christopher", "Paul", "Mark", "Stephen", "Peter",
        "Robert", "Edward", "Henry", "Samuel", "Joseph", "Benjamin", "Charlie", "Jacob", "Liam", "Callum",
        "Rhys", "Owen", "Gareth", "Alistair", "Hamish",
    ]
    static let englishLast = [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
        "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
        "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
        "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
        "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Wilkinson",
        "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell",
        "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell",
        "O'Brien", "O'Connor", "McDonald", "MacLeod", "Fitzgerald", "Ashworth",
    ]

    static let frenchFemaleTable = DemoWeightedTable(zipf: frenchFemale.count, exponent: 0.7, offset: 3)
    static let frenchMaleTable = DemoWeightedTable(zipf: frenchMale.count, exponent: 0.7, offset: 3)
    static let frenchLastTable = DemoWeightedTable(zipf: frenchLast.count, exponent: 0.6, offset: 5)
    static let englishFemaleTable = DemoWeightedTable(zipf: englishFemale.count, exponent: 0.7, offset: 3)
    static let englishMaleTable = DemoWeightedTable(zipf: englishMale.count, exponent: 0.7, offset: 3)
    static let englishLastTable = DemoWeightedTable(zipf: englishLast.count, exponent: 0.6, offset: 5)

    /// A first name, its gender (true = female) and a last name; `english` picks the British lists.
    static func person(english: Bool, rng: inout DemoRandom) -> (first: String, female: Bool, last: String) {
        let female = rng.chance(0.54)
        if english {
            let first = female
                ? englishFemale[englishFemaleTable.draw(&rng)] : englishMale[englishMaleTable.draw(&rng)]
            return (first, female, englishLast[englishLastTable.draw(&rng)])
        }
        let first = female ? frenchFemale[frenchFemaleTable.draw(&rng)] : frenchMale[frenchMaleTable.draw(&rng)]
        return (first, female, frenchLast[frenchLastTable.draw(&rng)])
    }

    /// E-mail domains by country of residence, with their weights.
    static let domains: [[(String, Double)]] = [
        [
            ("gmail.com", 30), ("orange.fr", 14), ("hotmail.fr", 10), ("yahoo.fr", 7), ("free.fr", 8),
            ("sfr.fr", 5), ("laposte.net", 6), ("outlook.fr", 5), ("wanadoo.fr", 4), ("icloud.com", 4),
            ("proton.me", 1),
        ],
        [
            ("gmail.com", 35), ("outlook.com", 12), ("hotmail.co.uk", 12), ("yahoo.co.uk", 9),
            ("btinternet.com", 9), ("icloud.com", 7), ("sky.com", 4),
        ],
        [("gmail.com", 35), ("skynet.be", 12), ("telenet.be", 12), ("hotmail.com", 10), ("outlook.be", 6)],
        [("gmail.com", 35), ("bluewin.ch", 20), ("hotmail.ch", 8), ("sunrise.ch", 6), ("gmx.ch", 6)],
    ]
    static let domainTables: [DemoWeightedTable] = domains.map { DemoWeightedTable($0.map(\.1)) }

    static func domain(for country: DemoCountry, rng: inout DemoRandom) -> String {
        domains[country.rawValue][domainTables[country.rawValue].draw(&rng)].0
    }

    /// The name lower-cased with accents stripped and spaces and apostrophes removed, as people
    /// write it in an e-mail address (`Hélène` -> `helene`, `Le Gall` -> `legall`).
    static func folded(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-": out.unicodeScalars.append(scalar)
            case "à", "á", "â", "ã", "ä", "å": out += "a"
            case "ç": out += "c"
            case "è", "é", "ê", "ë": out += "e"
            case "ì", "í", "î", "ï": out += "i"
            case "ñ": out += "n"
            case "ò", "ó", "ô", "õ", "ö": out += "o"
            case "ù", "ú", "û", "ü": out += "u"
            case "ý", "ÿ": out += "y"
            case "œ": out += "oe"
            case "æ": out += "ae"
            default: continue
            }
        }
        return out
    }

    /// The name with its accents stripped but its case kept (`Hélène` -> `Helene`), as a hurried
    /// clerk types it.
    static func unaccented(_ name: String) -> String {
        var out = ""
        for character in name {
            let lower = String(character).lowercased()
            let plain = folded(lower)
            if plain.isEmpty || lower == plain || plain.count != 1 {
                out.append(character)
            } else {
                out += character.isUppercase ? plain.uppercased() : plain
            }
        }
        return out
    }
}
