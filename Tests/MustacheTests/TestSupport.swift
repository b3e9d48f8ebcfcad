import Mustache
import Testing

/// SplitMix64: a small seeded generator, so random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Parses and renders in one step.
func render(
    _ source: String, _ data: MustacheValue = [:], partials: [String: String] = [:],
    options: MustacheRenderOptions = .init()
) throws(MustacheError) -> String {
    try MustacheTemplate(source: source).render(data, partials: DictionaryPartials(partials), options: options)
}

/// The error parsing `source` throws, or nil.
func parseError(_ source: String, name: String = "t.mustache") -> MustacheError? {
    do {
        _ = try MustacheTemplate(source: source, name: name)
        return nil
    } catch {
        return error
    }
}

/// The error rendering `source` throws, or nil.
func renderError(
    _ source: String, _ data: MustacheValue = [:], partials: [String: String] = [:],
    options: MustacheRenderOptions = .init()
) -> MustacheError? {
    do {
        _ = try MustacheTemplate(source: source, name: "t.mustache").render(
            data, partials: DictionaryPartials(partials), options: options)
        return nil
    } catch {
        return error
    }
}
