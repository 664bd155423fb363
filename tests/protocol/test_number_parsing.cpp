#include "core/protocol/number_parsing.h"

#include <QTest>

#include <bit>
#include <charconv>
#include <cmath>
#include <random>
#include <string>

using namespace streamscope;

namespace {

// What parseDouble meant before its fast path: std::from_chars over the whole text, one leading '+'
// allowed. The fast path must agree with it bit for bit (signed zero included) on every input.
std::optional<double> parseWithFromChars(std::string_view text)
{
    if (text.size() > 1 && text[0] == '+' && text[1] != '+' && text[1] != '-')
        text.remove_prefix(1);
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end)
        return std::nullopt;
    return value;
}

QByteArray describe(std::optional<double> value)
{
    if (!value)
        return "nothing";
    return QByteArray::number(*value, 'g', 17) + " bits " + QByteArray::number(std::bit_cast<quint64>(*value), 16);
}

void expectSameAsFromChars(const std::string& text)
{
    const auto fast = parseDouble(text);
    const auto reference = parseWithFromChars(text);
    if (describe(fast) != describe(reference)) {
        const QByteArray message = QByteArray("'").append(text.data(), qsizetype(text.size())).append("': ")
                                       .append(describe(fast)).append(", from_chars gives ").append(describe(reference));
        QFAIL(message.constData());
    }
}

// Digits with an optional sign and dot, lengths around the fast path's limits (19 digits, 2^53).
std::string randomDecimal(std::mt19937_64& random)
{
    std::string text;
    switch (random() % 4) {
    case 0: text += '-'; break;
    case 1: text += '+'; break;
    default: break;
    }
    const std::size_t digits = 1 + random() % 24;
    const std::size_t dot = random() % (digits + 2); // digits + 1: no dot
    for (std::size_t i = 0; i < digits; ++i) {
        if (i == dot)
            text += '.';
        // Runs of zeros and nines reach the rounding edges more often than uniform digits.
        const auto kind = random() % 8;
        text += kind == 0 ? '0' : kind == 1 ? '9' : static_cast<char>('0' + random() % 10);
    }
    if (dot == digits)
        text += '.';
    return text;
}

// Any string of the characters a number is made of, most of them not numbers.
std::string randomNumberishText(std::mt19937_64& random)
{
    static constexpr std::string_view kAlphabet = "0123456789.+-eE";
    std::string text;
    const std::size_t length = random() % 8;
    for (std::size_t i = 0; i < length; ++i)
        text += kAlphabet[random() % kAlphabet.size()];
    return text;
}

} // namespace

class TestNumberParsing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plainDecimalsAreExact()
    {
        QCOMPARE(parseDouble("12.345"), std::optional<double>(12.345));
        QCOMPARE(parseDouble("-0.1"), std::optional<double>(-0.1));
        QCOMPARE(parseDouble("+7"), std::optional<double>(7.0));
        QCOMPARE(parseDouble("1."), std::optional<double>(1.0));
        QCOMPARE(parseDouble(".5"), std::optional<double>(0.5));
        QVERIFY(std::signbit(*parseDouble("-0")));
        QVERIFY(std::signbit(*parseDouble("-0.000")));
    }

    void edgesOfTheFastPathAgreeWithFromChars()
    {
        for (const char* text :
             {"9007199254740992", "9007199254740993", "-9007199254740993", "900719925474099.3", "0.9007199254740993",
              "9999999999999999999", "99999999999999999999", "1234567890123456789", "0.1234567890123456789",
              "0.0000000000000000001", "0.00000000000000000001", "1.7976931348623157", "4.9406564584124654",
              "0.30000000000000004", "2.2250738585072014", "123456.789e3", "1e22", "1e23", "1e-400", "1e400",
              "0", "00", "000123.4500", "-0.0", "+.5", "-.5", "1.", ".", "-", "+", "", "+-1", "-+1", "--1",
              "1..2", "1.2.3", "1-", "1+", "0x10", "nan", "-inf", "Infinity", " 1", "1 ", "1,2"})
            expectSameAsFromChars(text);
    }

    void randomDecimalsAgreeWithFromChars()
    {
        std::mt19937_64 random(20261125);
        for (int i = 0; i < 300'000; ++i)
            expectSameAsFromChars(randomDecimal(random));
        for (int i = 0; i < 100'000; ++i)
            expectSameAsFromChars(randomNumberishText(random));
    }

    void exactDecimalStopsAtTheFirstCharacterAfterTheNumber()
    {
        const std::string_view text = "-12.5,3";
        double value = 0;
        const char* end = parseExactDecimal(text.data(), text.data() + text.size(), value);
        QCOMPARE(end, text.data() + 5);
        QCOMPARE(value, -12.5);
    }

    void exactDecimalLeavesWhatItCannotGiveExactly()
    {
        double value = 0;
        for (const std::string_view text : {"9007199254740993", "12345678901234567890", "1e5", "nan", ".", "-"}) {
            const char* end = parseExactDecimal(text.data(), text.data() + text.size(), value);
            QVERIFY2(end == nullptr || end != text.data() + text.size(), text.data());
        }
    }
};

QTEST_GUILESS_MAIN(TestNumberParsing)
#include "test_number_parsing.moc"
