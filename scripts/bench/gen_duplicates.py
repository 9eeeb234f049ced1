#!/usr/bin/env python3
"""Customers with known duplicates, for measuring identity resolution.

    gen_duplicates.py ROWS CUSTOMERS_CSV TRUTH_CSV [SEED] [--hard]

Writes ROWS customer rows (the `rapport import customers` format) of which 5 % re-enter an
earlier person under another customer_id with the faults the issue names — typing errors,
swapped fields, missing values — as people make them when they register twice: e-mail missing or
mistyped, phone missing or with a digit wrong, typing errors in names (letter doubled, dropped,
replaced or transposed), accents dropped, first and last names swapped, a first name reduced to
its initial, a name in capitals, birth date missing or mistyped (day and month swapped, one digit
off), postcode missing or with a digit wrong, the loyalty card forgotten. Several faults combine
in one duplicate. With --hard, duplicates also change e-mail (15 %) or phone (10 %) for another
one, or move to another town (15 %): faults no matcher can see through when nothing else is
shared.

It also writes the traps a matcher must not fall into: households (same last name and address,
often the same landline, now and then one shared e-mail; the same first name as the household's
first member in 1 case in 50), and namesakes. Names are drawn from a
Zipf law: 30 % of people carry one of the 250 most common French surnames (Martin alone about
4 %, ten times its real share), the others a surname of a long tail built from syllables, one
surname for ten rows (France has over a million surnames);
75 % carry one of 130 common first names. Namesakes are therefore more frequent than in a real
French base, which makes the test harder, not easier.

TRUTH_CSV lists `duplicate_id,original_id` for every injected duplicate: the ground truth.
Pure Python, no dependency; deterministic for a seed.
"""
import datetime
import random
import sys

FIRST_F = """Marie Nathalie Isabelle Sylvie Catherine Christine Sandrine Valérie Céline Stéphanie Sophie
Julie Aurélie Émilie Camille Laura Sarah Manon Léa Chloé Emma Inès Jade Louise Alice Lina Anaïs Pauline
Mathilde Lucie Claire Hélène Élodie Caroline Virginie Laetitia Audrey Mélanie Charlotte Margaux Océane
Agnès Béatrice Brigitte Chantal Danielle Dominique Françoise Martine Monique Nicole Patricia Sabine
Juliette Zoé Maëlle Clémence Justine Morgane Amandine Noémie Héloïse Marion Estelle Gaëlle Solène""".split()
FIRST_M = """Jean Pierre Michel Philippe Alain Nicolas Christophe Patrick Daniel Laurent Frédéric Éric Stéphane
David Julien Sébastien Thomas Olivier Vincent François Antoine Maxime Alexandre Romain Kevin Guillaume
Lucas Hugo Louis Gabriel Arthur Raphaël Jules Adam Paul Léo Nathan Théo Clément Mathieu Benoît
Jérôme Thierry Bernard Gérard Claude Jacques André René Yves Marc Bruno Denis Didier Pascal Serge
Quentin Florian Adrien Baptiste Valentin Damien Cédric Grégoire Aurélien Loïc Yannick Gaël Mathis""".split()
LAST = """Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre
Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller
Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia
Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont
Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard
Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre
Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland
Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin
Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry
Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez
Le Gall Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Le Roux Cousin Germain Breton Besson
Langlois Rémy Le Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon
Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier
Collin Chauvin Da Silva Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret
Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte""".split("\n")
LAST = [name for line in LAST for name in line.split(" ") if name] + ["Le Gall", "Le Roux", "Le Goff", "Da Silva"]
LAST = [n for n in LAST if n not in ("Le", "Gall", "Roux", "Goff", "Da", "Silva")] + ["Le Gall", "Le Roux", "Le Goff", "Da Silva"]

# Towns with their postcodes and weights (population-like): big towns have many postcodes.
TOWNS = [("Paris", [f"750{d:02d}" for d in range(1, 21)], 22), ("Marseille", [f"130{d:02d}" for d in range(1, 17)], 9),
         ("Lyon", [f"6900{d}" for d in range(1, 10)], 7), ("Toulouse", ["31000", "31100", "31200", "31300", "31400", "31500"], 5),
         ("Nice", ["06000", "06100", "06200", "06300"], 4), ("Nantes", ["44000", "44100", "44200", "44300"], 4),
         ("Strasbourg", ["67000", "67100", "67200"], 3), ("Montpellier", ["34000", "34070", "34080", "34090"], 3),
         ("Bordeaux", ["33000", "33100", "33200", "33300", "33800"], 3), ("Lille", ["59000", "59160", "59260", "59800"], 3),
         ("Rennes", ["35000", "35200", "35700"], 2), ("Reims", ["51100"], 2), ("Toulon", ["83000", "83100", "83200"], 2),
         ("Grenoble", ["38000", "38100"], 2), ("Dijon", ["21000"], 1.5), ("Angers", ["49000", "49100"], 1.5),
         ("Nîmes", ["30000", "30900"], 1.5), ("Brest", ["29200"], 1.2), ("Tours", ["37000", "37100", "37200"], 1.2),
         ("Limoges", ["87000", "87100"], 1.2), ("Amiens", ["80000", "80080", "80090"], 1.2), ("Metz", ["57000", "57050"], 1.2),
         ("Perpignan", ["66000", "66100"], 1), ("Orléans", ["45000", "45100"], 1), ("Caen", ["14000"], 1), ("Rouen", ["76000", "76100"], 1)]
for n in range(300):  # small towns, one postcode each
    TOWNS.append((f"Village-{n}", [f"{1000 + n * 311 % 88000:05d}"], 0.15))
GB_TOWNS = [("London", ["SW1A 1AA", "E1 6AN", "N1 9GU", "SE15 1AN", "W2 1JB", "NW1 8NH"], 5), ("Manchester", ["M1 1AE", "M4 5JD"], 1.5),
            ("Leeds", ["LS1 4DY"], 1), ("Bristol", ["BS1 5TR"], 1)]
BE_TOWNS = [("Bruxelles", ["1000", "1040", "1050", "1060", "1180"], 3), ("Liège", ["4000"], 1), ("Namur", ["5000"], 0.6)]
DOMAINS = ["gmail.com", "orange.fr", "free.fr", "hotmail.fr", "yahoo.fr", "laposte.net", "sfr.fr", "outlook.fr", "wanadoo.fr", "icloud.com"]
ACCENTS = str.maketrans("àâäéèêëîïôöùûüçÉÈÊÎÔÛÀÇœŒæ", "aaaeeeeiioouuucEEEIOUACoOa")


def zipf_pick(rng, items, s=1.05):
    # Precomputed cumulative weights per list (cached on the function).
    cache = zipf_pick.__dict__.setdefault("cache", {})
    key = id(items)
    if key not in cache:
        weights = [1 / (k + 1) ** s for k in range(len(items))]
        total = sum(weights)
        acc, cum = 0.0, []
        for w in weights:
            acc += w / total
            cum.append(acc)
        cache[key] = cum
    return items[min(len(items) - 1, bisect(cache[key], rng.random()))]


def bisect(cum, x):
    lo, hi = 0, len(cum)
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def weighted(rng, towns):
    total = weighted.__dict__.setdefault(id(towns), sum(t[2] for t in towns))
    x = rng.random() * total
    for town in towns:
        x -= town[2]
        if x <= 0:
            return town
    return towns[-1]


SYLLABLES_START = "Ker Le La Ber Mar Mon Cha Bou Gal Lan Du De Ro Va Fon Gui Pel Tho Ri Mau Bel Cor Fer Lou Sau Ver Gre Bra Cla Dau".split()
SYLLABLES_MID = "ri la va ro gne mi be na te lo ci ba de vi".split()
SYLLABLES_END = "det bois champ fort lin ret ard ot et in on eau ier and oux ac iac ec elle ois ert ain aud eux".split()


def tail_surnames(rng, count):
    names = set()
    while len(names) < count:
        middle = "".join(rng.choice(SYLLABLES_MID) for _ in range(rng.choice((0, 1, 1, 2))))
        name = rng.choice(SYLLABLES_START) + middle + rng.choice(SYLLABLES_END)
        names.add(name)
    return sorted(names, key=lambda _: rng.random())


def fold(text):
    return text.translate(ACCENTS).lower().replace(" ", "").replace("'", "")


def typo(rng, word):
    if len(word) < 4:
        return word + rng.choice("eas")
    letters = list(word)
    i = 1 + rng.randrange(len(letters) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        letters.insert(i, letters[i])
    elif kind == 1:
        del letters[i]
    elif kind == 2:
        letters[i] = rng.choice("aeiounrstl")
    else:
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters)


class Person:
    __slots__ = ("first", "last", "female", "email", "phone", "birth", "town", "postcode", "country", "card", "created")


def main():
    hard = "--hard" in sys.argv
    arguments = [a for a in sys.argv[1:] if a != "--hard"]
    rows = int(arguments[0])
    out_path, truth_path = arguments[1], arguments[2]
    rng = random.Random(int(arguments[3]) if len(arguments) > 3 else 7)
    duplicates = rows // 20
    originals = rows - duplicates
    used_emails, used_phones, used_cards = set(), set(), set()
    global TAIL
    TAIL = tail_surnames(rng, max(6000, rows // 10))

    def new_email(first, last, birth):
        base = rng.choice([f"{fold(first)}.{fold(last)}", f"{fold(first)}{fold(last)}", f"{fold(first)[0]}.{fold(last)}",
                           f"{fold(last)}.{fold(first)}", f"{fold(first)}.{fold(last)}{(birth or '19' + str(rng.randint(50, 99)))[2:4]}"])
        email = f"{base}@{rng.choice(DOMAINS)}"
        while email in used_emails:
            email = f"{base}{rng.randint(1, 99999)}@{rng.choice(DOMAINS)}"
        used_emails.add(email)
        return email

    def new_phone(country, landline=False):
        while True:
            if country == "FR":
                phone = f"+33{rng.choice('12345') if landline else rng.choice('67')}{rng.randrange(10**8):08d}"
            elif country == "GB":
                phone = f"+44{'20' if landline else '7'}{rng.randrange(10**8 if landline else 10**9):0{8 if landline else 9}d}"
            else:
                phone = f"+32{'2' if landline else '47'}{rng.randrange(10**7):07d}"
            if phone not in used_phones:
                used_phones.add(phone)
                return phone

    def new_birth():
        year = rng.randint(1940, 2006)
        month = rng.randint(1, 12)
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"

    def new_person(household=None):
        p = Person()
        country = household.country if household else rng.choices(["FR", "BE", "GB"], [90, 5, 5])[0]
        p.country = country
        p.female = rng.random() < 0.52
        firsts = FIRST_F if p.female else FIRST_M
        if rng.random() < 0.75:
            p.first = zipf_pick(rng, firsts, 0.9)
        else:
            p.first = zipf_pick(rng, firsts, 0.3) + "-" + zipf_pick(rng, FIRST_M if p.female and rng.random() < 0.1 else firsts, 0.3)
        # Two members of a household rarely share a first name (a junior now and then: 1 in 50).
        while household and p.first == household.first and rng.random() > 0.02:
            p.first = zipf_pick(rng, firsts, 0.9)
        if household:
            p.last = household.last
        elif rng.random() < 0.30:
            p.last = zipf_pick(rng, LAST, 0.95)
        else:
            p.last = zipf_pick(rng, TAIL, 0.7)
        p.birth = new_birth() if rng.random() < 0.85 else None
        if household:
            p.town, p.postcode = household.town, household.postcode
        else:
            towns = {"FR": TOWNS, "GB": GB_TOWNS, "BE": BE_TOWNS}[country]
            town = weighted(rng, towns)
            p.town, p.postcode = town[0], rng.choice(town[1])
        p.email = new_email(p.first, p.last, p.birth) if rng.random() < 0.9 else None
        if household and household.phone and household.phone[3] in "12345" and rng.random() < 0.7:
            p.phone = household.phone  # the family landline
        else:
            p.phone = new_phone(country, landline=rng.random() < 0.2) if rng.random() < 0.6 else None
        if household and household.email and rng.random() < 0.05:
            p.email = household.email  # one address for the couple
        p.card = None
        if rng.random() < 0.3:
            card = f"LC{rng.randrange(10**9):09d}"
            while card in used_cards:
                card = f"LC{rng.randrange(10**9):09d}"
            used_cards.add(card)
            p.card = card
        p.created = 1_600_000_000 + rng.randrange(150_000_000)
        return p

    def duplicate_of(o):
        d = Person()
        for field in Person.__slots__:
            setattr(d, field, getattr(o, field))
        faults = 0
        r = rng.random()
        if r < 0.25:
            d.email, faults = None, faults + 1
        elif r < 0.35 and d.email:
            local, domain = d.email.split("@")
            mistyped = typo(rng, local)
            if ".." not in mistyped and not mistyped.startswith(".") and not mistyped.endswith("."):
                d.email, faults = mistyped + "@" + domain, faults + 1
        elif hard and r < 0.50:
            d.email, faults = new_email(d.first, d.last, d.birth), faults + 1
        r = rng.random()
        if r < 0.40:
            d.phone, faults = None, faults + 1
        elif r < 0.47 and d.phone:
            digits = list(d.phone)
            i = rng.randrange(5, len(digits))
            digits[i] = str((int(digits[i]) + rng.randint(1, 9)) % 10)
            d.phone, faults = "".join(digits), faults + 1
        elif hard and r < 0.57:
            d.phone, faults = new_phone(d.country), faults + 1
        r = rng.random()
        if r < 0.18:
            d.last = typo(rng, d.last)
        elif r < 0.30:
            d.first = typo(rng, d.first)
        elif r < 0.36:
            d.first, d.last = d.last, d.first
        elif r < 0.46:
            d.first, d.last = d.first.translate(ACCENTS), d.last.translate(ACCENTS)
        elif r < 0.49:
            d.first = d.first[0] + "."
        elif r < 0.53:
            d.last = d.last.upper()
        r = rng.random()
        if d.birth and r < 0.30:
            d.birth = None
        elif d.birth and r < 0.36:
            y, m, dd = d.birth.split("-")
            if int(dd) <= 12 and dd != m:
                d.birth = f"{y}-{dd}-{m}"  # day and month swapped
            else:
                ones = int(dd[1])
                d.birth = f"{y}-{m}-{dd[0]}{ones + 1 if ones < 8 else ones - 1}"  # one digit off
        r = rng.random()
        if r < 0.05:
            d.town, d.postcode = None, None
        elif r < 0.10 and d.postcode and d.postcode[-1].isdigit():
            d.postcode = d.postcode[:-1] + str((int(d.postcode[-1]) + rng.randint(1, 9)) % 10)
        elif hard and r < 0.25:
            towns = {"FR": TOWNS, "GB": GB_TOWNS, "BE": BE_TOWNS}[d.country]
            town = weighted(rng, towns)
            d.town, d.postcode = town[0], rng.choice(town[1])
        if d.card and rng.random() < 0.5:
            d.card = None
        d.created = o.created + rng.randrange(1, 40_000_000)
        if not faults and rng.random() < 0.3:
            d.email = None
        return d

    people = []
    households = []
    for _ in range(originals):
        household = rng.choice(households) if households and rng.random() < 0.08 else None
        p = new_person(household)
        if household is None and rng.random() < 0.1:
            households.append(p)
        people.append(p)
    truth = []
    rows_out = [(i, p) for i, p in enumerate(people)]
    for k in range(duplicates):
        original = rng.randrange(originals)
        rows_out.append((originals + k, duplicate_of(people[original])))
        truth.append((originals + k, original))
    rng.shuffle(rows_out)
    number = {}
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("customer_id,kind,first_name,last_name,email,phone,birth_date,gender,postcode,city,country,created_at,attr.loyalty_card\n")
        for position, (index, p) in enumerate(rows_out):
            number[index] = f"D{position + 1:07d}"
            fields = [number[index], "customer", p.first, p.last, p.email or "", p.phone or "", p.birth or "",
                      "female" if p.female else "male", p.postcode or "", p.town or "", p.country,
                      datetime.datetime.fromtimestamp(p.created, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), p.card or ""]
            out.write(",".join(f'"{f}"' if "," in f else f for f in fields) + "\n")
    with open(truth_path, "w") as out:
        out.write("duplicate_id,original_id\n")
        for dup, original in truth:
            out.write(f"{number[dup]},{number[original]}\n")


if __name__ == "__main__":
    main()
