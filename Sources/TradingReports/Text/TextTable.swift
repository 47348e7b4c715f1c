/// A plain-text table for terminal output: a header, a rule under it, rows and optional footer rows below a
/// second rule, every column as wide as its widest cell. Text columns are aligned left, numbers right.
public struct TextTable: Sendable {
    public var header: [String]
    /// Columns aligned left (the others are aligned right).
    public var leftAligned: Set<Int>
    public var rows: [[String]] = []
    /// Rows under a rule at the bottom (totals).
    public var footer: [[String]] = []

    public init(header: [String], leftAligned: Set<Int> = [0]) {
        self.header = header
        self.leftAligned = leftAligned
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table, one line per row, each ending in a newline; a short row is padded with empty cells.
    public var text: String {
        var widths = header.map(\.count)
        for row in rows + footer {
            for (column, cell) in row.enumerated() {
                if column < widths.count {
                    widths[column] = max(widths[column], cell.count)
                } else {
                    widths.append(cell.count)
                }
            }
        }
        func line(_ cells: [String]) -> String {
            widths.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ").trailingSpacesRemoved + "\n"
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        var text = line(header) + rule + rows.map(line).joined()
        if !footer.isEmpty { text += rule + footer.map(line).joined() }
        return text
    }
}

extension TextTable {
    /// The table as an HTML `<table>`: the header as `th`, the footer rows after the rows, cells escaped.
    public var html: String {
        func row(_ cells: [String], tag: String) -> String {
            "<tr>"
                + cells.enumerated().map { column, cell in
                    let align = leftAligned.contains(column) ? "left" : "right"
                    return "<\(tag) style=\"text-align:\(align)\">\(HTML.escape(cell))</\(tag)>"
                }.joined() + "</tr>"
        }
        return "<table>" + row(header, tag: "th") + (rows + footer).map { row($0, tag: "td") }.joined() + "</table>\n"
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
