/// Charts drawn on the server as SVG: no scripts, readable by screen readers
/// (role="img" with a title and a description), colours with enough contrast.
enum SVGChart {
    /// One bar, possibly split into coloured parts.
    struct Bar {
        let label: String
        /// Values per series; nil is a withheld (too small) number.
        let values: [Double?]
    }

    /// Colours of the series, dark enough for white text and for 3:1 against white.
    static let palette = ["#154273", "#007bc7", "#8f5400", "#a90061", "#39870c", "#5e2b8a"]

    /// Horizontal bars (stacked when there are several series), with a legend.
    static func bars(
        id: String, title: String, description: String, bars: [Bar], series: [String], unit: String = "", maximum: Double? = nil
    ) -> String {
        let labelWidth = 230.0, chartWidth = 440.0, rowHeight = 30.0, top = 10.0
        let legendHeight = series.count > 1 ? Double((series.count + 1) / 2) * 22 + 10 : 0
        let height = top + Double(max(bars.count, 1)) * rowHeight + 10 + legendHeight
        let largest = maximum ?? max(1, bars.map { $0.values.compactMap { $0 }.reduce(0, +) }.max() ?? 1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" \
            viewBox="0 0 \(Int(labelWidth + chartWidth + 60)) \(Int(height))" width="100%">
            <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(description))</desc>
            """
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * rowHeight
            svg += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(y + 19)\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">\(escape(bar.label))</text>"
            var x = labelWidth
            var total = 0.0
            var withheld = false
            for (index, value) in bar.values.enumerated() {
                guard let value else {
                    withheld = true
                    continue
                }
                let width = chartWidth * value / largest
                if width > 0 {
                    svg += "<rect x=\"\(fmt(x))\" y=\"\(y + 4)\" width=\"\(fmt(width))\" height=\"\(rowHeight - 8)\" fill=\"\(palette[index % palette.count])\"><title>\(escape(series.isEmpty ? bar.label : series[index])): \(fmt(value))\(unit)</title></rect>"
                }
                x += width
                total += value
            }
            let note = withheld && total == 0 ? "minder dan 5" : fmt(total) + unit + (withheld ? " (+ kleine aantallen)" : "")
            svg += "<text x=\"\(fmt(x + 6))\" y=\"\(y + 19)\" font-size=\"13\" fill=\"#1a1a1a\">\(escape(note))</text>"
        }
        if series.count > 1 {
            let legendTop = top + Double(max(bars.count, 1)) * rowHeight + 10
            for (index, name) in series.enumerated() {
                let x = labelWidth + Double(index % 2) * 230
                let y = legendTop + Double(index / 2) * 22
                svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"14\" height=\"14\" fill=\"\(palette[index % palette.count])\"/>"
                svg += "<text x=\"\(fmt(x + 20))\" y=\"\(fmt(y + 12))\" font-size=\"13\" fill=\"#1a1a1a\">\(escape(name))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// A single figure as a filled bar out of 100 %.
    static func share(id: String, title: String, value: Double?) -> String {
        let description = value.map { "\(fmt($0 * 100)) procent" } ?? "Nog te weinig uitspraken om dit te tonen"
        return bars(
            id: id, title: title, description: description,
            bars: [Bar(label: title, values: [value.map { $0 * 100 }])], series: [], unit: " %", maximum: 100)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func fmt(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
    }
}
