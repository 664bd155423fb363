#pragma once

#include "core/session/session_config.h"

#include <QDialog>

#include <functional>
#include <optional>
#include <string>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace streamscope::widgets {

// Adds a source: UDP (address, port, multicast group), a serial port (the system's ports, baud,
// character framing, COBS/SLIP), the demo stream, or a whole session file; with the wire format or a
// binary frame layout. The values are checked by the session file's own reader, so a bad one gets the
// message a session file would; then the applier opens the source. Any error (a bad value, a port in
// use, a missing device) is shown in the dialog, which stays open so the user can fix it.
class SourceDialog : public QDialog {
    Q_OBJECT
public:
    enum Kind { Udp, Serial, Demo, SessionFile };
    using SourceApplier = std::function<std::optional<std::string>(const SourceConfig& source)>;
    using SessionLoader = std::function<std::optional<std::string>(const QString& path)>;

    SourceDialog(SourceApplier apply_source, SessionLoader load_session, QWidget* parent = nullptr);

    // The source the fields describe, or nullopt with the problems (one per line) in `error`.
    [[nodiscard]] std::optional<SourceConfig> sourceFromFields(std::string& error) const;

    void setKind(Kind kind);
    [[nodiscard]] QLineEdit* udpAddress() const { return udp_address_; }
    [[nodiscard]] QSpinBox* udpPort() const { return udp_port_; }
    [[nodiscard]] QLineEdit* multicastGroup() const { return multicast_group_; }
    [[nodiscard]] QComboBox* serialDevice() const { return serial_device_; }
    [[nodiscard]] QComboBox* baud() const { return baud_; }
    [[nodiscard]] QComboBox* format() const { return format_; }
    [[nodiscard]] QLineEdit* frameLayout() const { return frame_; }
    [[nodiscard]] QLineEdit* sessionPath() const { return session_path_; }
    [[nodiscard]] QLabel* errorLabel() const { return error_; }

    void accept() override;

private:
    QWidget* buildUdpPage();
    QWidget* buildSerialPage();
    QWidget* buildDemoPage();
    QWidget* buildSessionPage();
    QWidget* buildDecoderBox();
    void refreshSerialPorts();
    void showError(const std::string& message);

    SourceApplier apply_source_;
    SessionLoader load_session_;
    QComboBox* kind_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    QWidget* decoder_box_ = nullptr;
    QLineEdit* udp_address_ = nullptr;
    QSpinBox* udp_port_ = nullptr;
    QLineEdit* multicast_group_ = nullptr;
    QComboBox* serial_device_ = nullptr;
    QComboBox* baud_ = nullptr;
    QComboBox* serial_settings_ = nullptr;
    QComboBox* serial_framing_ = nullptr;
    QDoubleSpinBox* demo_rate_ = nullptr;
    QLineEdit* session_path_ = nullptr;
    QComboBox* format_ = nullptr;
    QLineEdit* frame_ = nullptr;
    QLabel* error_ = nullptr;
};

} // namespace streamscope::widgets
