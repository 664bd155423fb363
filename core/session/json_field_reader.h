#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace streamscope {

// A problem in a session file: where (a JSON path such as `sources[1].port`) and what.
struct SessionProblem {
    std::string path;
    std::string message;

    // "sources[1].port: expected an integer 1-65535, got \"90o0\""
    [[nodiscard]] std::string toString() const { return path.empty() ? message : path + ": " + message; }
};

// Reads the fields of one JSON object, recording a problem for every missing, mistyped or
// out-of-range value and carrying on, so that one pass reports everything that is wrong.
class JsonFieldReader {
public:
    JsonFieldReader(QJsonObject object, std::string path, std::vector<SessionProblem>& problems);

    [[nodiscard]] bool has(const char* key) const;
    [[nodiscard]] std::optional<std::string> text(const char* key, bool required, bool allow_empty = false);
    [[nodiscard]] std::optional<long long> integer(const char* key, long long min, long long max, bool required);
    [[nodiscard]] std::optional<double> number(const char* key, double min, double max, bool required);
    [[nodiscard]] std::optional<bool> boolean(const char* key);
    // One of the given words.
    [[nodiscard]] std::optional<std::string> choice(const char* key, std::initializer_list<const char*> words,
                                                    bool required);
    // A duration such as "500ms" or a number of seconds.
    [[nodiscard]] std::optional<long long> duration(const char* key, bool required);
    [[nodiscard]] std::optional<QJsonArray> array(const char* key, bool required);
    [[nodiscard]] std::optional<QJsonObject> object(const char* key, bool required);

    // Records "unknown key" for every key not read so far (catches typos such as "prot").
    void rejectUnknownKeys();

    [[nodiscard]] std::string pathOf(const char* key) const;
    void problem(const char* key, const std::string& expected);

private:
    QJsonValue take(const char* key, bool required, const std::string& expected);

    QJsonObject object_;
    std::string path_;
    std::vector<SessionProblem>& problems_;
    std::set<QString> read_;
};

// `got "90o0"`, `got 3.5`, `got an object`: how a value is quoted in problems.
[[nodiscard]] std::string describeJson(const QJsonValue& value);

// "expected E, got V" as one problem at `path`.
void addProblem(std::vector<SessionProblem>& problems, std::string path, const std::string& expected,
                const QJsonValue& got);

} // namespace streamscope
