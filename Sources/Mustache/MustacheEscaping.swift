/// How `{{name}}` interpolations are escaped. `{{{name}}}` and `{{&name}}` are never escaped.
public enum MustacheEscaping: Sendable, Equatable {
    /// Values are written as they are (the default: blueprints generate code, not HTML).
    case none
    /// The Mustache spec's HTML escaping: `&` `"` `<` `>` become `&amp;` `&quot;` `&lt;` `&gt;`.
    case html
}
