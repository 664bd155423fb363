#include "core/processing/alert_rule_parser.h"

#include "core/session/duration.h"

#include <charconv>
#include <cmath>
#include <vector>

namespace streamscope {

namespace {

std::vector<std::string_view> splitWords(std::string_view text)
{
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t')
            ++i;
        if (i > start)
            words.push_back(text.substr(start, i - start));
    }
    return words;
}

std::optional<double> parseFinite(std::string_view word)
{
    double value = 0.0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (ec != std::errc{} || end != word.data() + word.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<AlertSeverity> parseSeverity(std::string_view word)
{
    if (word == "info")
        return AlertSeverity::Info;
    if (word == "warning")
        return AlertSeverity::Warning;
    if (word == "critical")
        return AlertSeverity::Critical;
    return std::nullopt;
}

// Walks the words after the glob, building one error message for the first problem.
class RuleReader {
public:
    RuleReader(std::string_view text, std::string& error) : words_(splitWords(text)), text_(text), error_(error) {}

    std::optional<AlertRule> read()
    {
        AlertRule rule;
        rule.text = std::string(text_);
        if (words_.size() < 2)
            return fail("expected 'GLOB > X', 'GLOB < X', 'GLOB outside A..B', 'GLOB rate > X/s', "
                        "'GLOB stale D' or 'GLOB nan'");
        rule.glob = std::string(words_[0]);
        pos_ = 1;
        const std::string_view kind = next();
        bool takes_clear = false;
        bool takes_for = true;
        if (kind == ">" || kind == "<") {
            rule.kind = kind == ">" ? AlertKind::Above : AlertKind::Below;
            if (!number("a threshold after '" + std::string(kind) + "'", rule.threshold))
                return std::nullopt;
            takes_clear = true;
        } else if (kind == "outside") {
            rule.kind = AlertKind::Outside;
            const std::string_view range = next();
            const std::size_t dots = range.find("..");
            const auto low = dots == std::string_view::npos ? std::nullopt : parseFinite(range.substr(0, dots));
            const auto high = dots == std::string_view::npos ? std::nullopt : parseFinite(range.substr(dots + 2));
            if (!low || !high || *low >= *high)
                return fail("expected a range A..B with A < B after 'outside', got '" + std::string(range) + "'");
            rule.low = *low;
            rule.high = *high;
        } else if (kind == "rate") {
            rule.kind = AlertKind::RateAbove;
            if (next() != ">")
                return fail("expected '>' after 'rate', got '" + std::string(current()) + "'");
            std::string_view per_second = next();
            if (per_second.ends_with("/s"))
                per_second.remove_suffix(2);
            const auto limit = parseFinite(per_second);
            if (!limit || *limit < 0)
                return fail("expected a rate of change such as 5/s after 'rate >', got '" + std::string(current())
                            + "'");
            rule.threshold = *limit;
        } else if (kind == "stale") {
            rule.kind = AlertKind::Stale;
            const std::string_view time = next();
            const auto stale = parseDuration(time);
            if (!stale || stale->count() <= 0)
                return fail("expected a time such as 1s or 500ms after 'stale', got '" + std::string(time) + "'");
            rule.stale_ns = stale->count();
            takes_for = false;
        } else if (kind == "nan") {
            rule.kind = AlertKind::NonFinite;
            takes_for = false;
        } else {
            return fail("expected '>', '<', 'outside', 'rate', 'stale' or 'nan' after the channel pattern, got '"
                        + std::string(kind) + "'");
        }

        bool have_for = false;
        bool have_severity = false;
        while (pos_ < words_.size()) {
            const std::string_view word = next();
            if (word == "clear" && takes_clear && !rule.clear) {
                const std::string_view op = next();
                const std::string_view expected = rule.kind == AlertKind::Above ? "<" : ">";
                if (op != expected)
                    return fail("expected '" + std::string(expected) + "' after 'clear', got '" + std::string(op) + "'");
                double clear = 0.0;
                if (!number("a number after 'clear " + std::string(op) + "'", clear))
                    return std::nullopt;
                if ((rule.kind == AlertKind::Above && clear > rule.threshold)
                    || (rule.kind == AlertKind::Below && clear < rule.threshold))
                    return fail("the clear level '" + std::string(current()) + "' must be on the safe side of the threshold");
                rule.clear = clear;
            } else if (word == "for" && takes_for && !have_for) {
                const std::string_view time = next();
                const auto hold = parseDuration(time);
                if (!hold)
                    return fail("expected a time such as 500ms after 'for', got '" + std::string(time) + "'");
                rule.for_ns = hold->count();
                have_for = true;
            } else if (const auto severity = parseSeverity(word); severity && !have_severity) {
                rule.severity = *severity;
                have_severity = true;
            } else {
                return fail("unexpected '" + std::string(word) + "'");
            }
        }
        return rule;
    }

private:
    std::string_view next() { return pos_ < words_.size() ? words_[pos_++] : (++pos_, std::string_view{}); }
    std::string_view current() const { return pos_ - 1 < words_.size() ? words_[pos_ - 1] : std::string_view{}; }

    bool number(const std::string& what, double& out)
    {
        const std::string_view word = next();
        const auto value = parseFinite(word);
        if (!value) {
            fail("expected " + what + ", got '" + std::string(word) + "'");
            return false;
        }
        out = *value;
        return true;
    }

    std::nullopt_t fail(const std::string& reason)
    {
        error_ = "alert rule '" + std::string(text_) + "': " + reason;
        return std::nullopt;
    }

    std::vector<std::string_view> words_;
    std::string_view text_;
    std::string& error_;
    std::size_t pos_ = 0;
};

} // namespace

std::optional<AlertRule> parseAlertRule(std::string_view text, std::string& error)
{
    return RuleReader(text, error).read();
}

} // namespace streamscope
