/// What every chart shares: its id prefix, its title, and how numbers are written into SVG.
enum ChartSupport {
    /// A coordinate for an attribute: at most two decimals, no exponent, `.` as separator.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = Int64(abs(hundredths))
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + (fraction % 10 == 0 ? String(fraction / 10) : String(fraction))
    }

    /// Round steps (1, 2 or 5 times a power of ten) from 0 to at least `maximum`, about `count` of them.
    static func ticks(upTo maximum: Double, count: Int = 5) -> [Double] {
        guard maximum.isFinite, maximum > 0 else { return [0, 1] }
        let rough = maximum / Double(max(count, 1))
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? power * 10
        var ticks: [Double] = [0]
        while ticks.last! < maximum - step * 1e-9 { ticks.append(ticks.last! + step) }
        return ticks
    }

    /// The frame of a chart: the SVG element with its accessible title, and the body inside.
    static func svg(id: String, title: String, width: Double, height: Double, _ body: HTML) -> HTML {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(coordinate(width)) \(coordinate(height))" \
        role="img" aria-labelledby="\(id)-title" font-family="system-ui, sans-serif"><title id="\(id)-title">\(title)</title>\
        <text x="8" y="18" font-size="14" font-weight="600">\(title)</text>\(body)</svg>
        """
    }

    /// A small chart saying there is nothing to draw.
    static func empty(id: String, title: String, message: String, width: Double) -> HTML {
        svg(id: id, title: title, width: width, height: 80, "<text x=\"8\" y=\"52\" fill=\"#5b6475\">\(message)</text>")
    }

    /// Colour-blind-safe series colours (Okabe–Ito), in a fixed order.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// A sequential blue from pale (0) to dark (1).
    static func shade(_ fraction: Double) -> String {
        let t = min(max(fraction.isFinite ? fraction : 0, 0), 1)
        let from = (239.0, 243.0, 255.0), to = (8.0, 48.0, 107.0)
        func channel(_ a: Double, _ b: Double) -> String {
            let value = Int((a + (b - a) * t).rounded())
            let hex = String(value, radix: 16)
            return value < 16 ? "0" + hex : hex
        }
        return "#" + channel(from.0, to.0) + channel(from.1, to.1) + channel(from.2, to.2)
    }
}
