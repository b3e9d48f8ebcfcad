extension Substring {
    /// `self` without the longest prefix it shares with `other`.
    func droppingCommonPrefix(with other: Substring) -> Substring {
        var index = utf8.startIndex
        var otherIndex = other.utf8.startIndex
        while index != utf8.endIndex, otherIndex != other.utf8.endIndex, utf8[index] == other.utf8[otherIndex] {
            utf8.formIndex(after: &index)
            other.utf8.formIndex(after: &otherIndex)
        }
        return Substring(utf8[index..<utf8.endIndex])
    }
}
