#include "widgets/source_dialog.h"

#include "core/ingest/serial_port_list.h"
#include "core/session/source_config_reader.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace streamscope::widgets {

SourceDialog::SourceDialog(SourceApplier apply_source, SessionLoader load_session, QWidget* parent)
    : QDialog(parent), apply_source_(std::move(apply_source)), load_session_(std::move(load_session)),
      kind_(new QComboBox(this)), pages_(new QStackedWidget(this)), error_(new QLabel(this))
{
    setWindowTitle(QStringLiteral("Add source"));
    kind_->addItems({QStringLiteral("UDP"), QStringLiteral("Serial port"), QStringLiteral("Demo stream"),
                     QStringLiteral("Session file")});
    pages_->addWidget(buildUdpPage());
    pages_->addWidget(buildSerialPage());
    pages_->addWidget(buildDemoPage());
    pages_->addWidget(buildSessionPage());
    decoder_box_ = buildDecoderBox();
    connect(kind_, &QComboBox::currentIndexChanged, this, [this](int kind) {
        pages_->setCurrentIndex(kind);
        decoder_box_->setEnabled(kind == Udp || kind == Serial);
        error_->clear();
    });

    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SourceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SourceDialog::reject);

    auto* kind_row = new QFormLayout;
    kind_row->addRow(QStringLiteral("Source:"), kind_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(kind_row);
    layout->addWidget(pages_);
    layout->addWidget(decoder_box_);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

QWidget* SourceDialog::buildUdpPage()
{
    auto* page = new QWidget(this);
    udp_address_ = new QLineEdit(QStringLiteral("0.0.0.0"), page);
    udp_address_->setToolTip(QStringLiteral("The local address to listen on; 0.0.0.0 for every interface"));
    udp_port_ = new QSpinBox(page);
    udp_port_->setRange(1, 65535);
    udp_port_->setValue(9000);
    multicast_group_ = new QLineEdit(page);
    multicast_group_->setPlaceholderText(QStringLiteral("none, or a group such as 239.1.2.3"));
    auto* form = new QFormLayout(page);
    form->addRow(QStringLiteral("Listen address:"), udp_address_);
    form->addRow(QStringLiteral("Port:"), udp_port_);
    form->addRow(QStringLiteral("Multicast group:"), multicast_group_);
    return page;
}

QWidget* SourceDialog::buildSerialPage()
{
    auto* page = new QWidget(this);
    serial_device_ = new QComboBox(page);
    serial_device_->setEditable(true);
    serial_device_->setMinimumContentsLength(24);
    auto* refresh = new QPushButton(QStringLiteral("Refresh"), page);
    connect(refresh, &QPushButton::clicked, this, &SourceDialog::refreshSerialPorts);
    auto* device_row = new QHBoxLayout;
    device_row->addWidget(serial_device_, 1);
    device_row->addWidget(refresh);
    baud_ = new QComboBox(page);
    baud_->setEditable(true); // any rate the driver accepts, not only these
    for (int rate : {9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1000000, 2000000})
        baud_->addItem(QString::number(rate));
    baud_->setCurrentText(QStringLiteral("115200"));
    serial_settings_ = new QComboBox(page);
    serial_settings_->addItems({QStringLiteral("8N1"), QStringLiteral("8E1"), QStringLiteral("8O1"),
                                QStringLiteral("8N2"), QStringLiteral("7E1"), QStringLiteral("7O1")});
    serial_framing_ = new QComboBox(page);
    serial_framing_->addItems({QStringLiteral("none"), QStringLiteral("cobs"), QStringLiteral("slip")});
    serial_framing_->setToolTip(QStringLiteral("How binary frames are delimited in the byte stream (none: sync bytes)"));
    auto* form = new QFormLayout(page);
    form->addRow(QStringLiteral("Device:"), device_row);
    form->addRow(QStringLiteral("Baud:"), baud_);
    form->addRow(QStringLiteral("Character framing:"), serial_settings_);
    form->addRow(QStringLiteral("Packet framing:"), serial_framing_);
    refreshSerialPorts();
    return page;
}

QWidget* SourceDialog::buildDemoPage()
{
    auto* page = new QWidget(this);
    demo_rate_ = new QDoubleSpinBox(page);
    demo_rate_->setRange(0.001, 1e6);
    demo_rate_->setDecimals(3);
    demo_rate_->setValue(1000.0);
    demo_rate_->setSuffix(QStringLiteral(" samples/s per channel"));
    auto* form = new QFormLayout(page);
    form->addRow(QStringLiteral("Rate:"), demo_rate_);
    return page;
}

QWidget* SourceDialog::buildSessionPage()
{
    auto* page = new QWidget(this);
    session_path_ = new QLineEdit(page);
    session_path_->setPlaceholderText(QStringLiteral("a session file (.json), as for --session"));
    auto* browse = new QPushButton(QStringLiteral("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Load session"), session_path_->text(),
                                                          QStringLiteral("Session files (*.json);;All files (*)"));
        if (!path.isEmpty())
            session_path_->setText(path);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(session_path_, 1);
    row->addWidget(browse);
    auto* form = new QFormLayout(page);
    form->addRow(QStringLiteral("File:"), row);
    form->addRow(new QLabel(QStringLiteral("Replaces the current sources, rules and windows."), page));
    return page;
}

QWidget* SourceDialog::buildDecoderBox()
{
    auto* box = new QGroupBox(QStringLiteral("Wire format"), this);
    format_ = new QComboBox(box);
    format_->addItems({QStringLiteral("auto"), QStringLiteral("csv"), QStringLiteral("kv"), QStringLiteral("influx"),
                       QStringLiteral("graphite"), QStringLiteral("json"), QStringLiteral("binary")});
    frame_ = new QLineEdit(box);
    frame_->setPlaceholderText(QStringLiteral("sync=AA55 le u16:seq f32:ax f32:ay crc=crc16-ccitt"));
    frame_->setEnabled(false);
    connect(format_, &QComboBox::currentTextChanged, frame_,
            [this](const QString& format) { frame_->setEnabled(format == QLatin1String("binary")); });
    auto* form = new QFormLayout(box);
    form->addRow(QStringLiteral("Format:"), format_);
    form->addRow(QStringLiteral("Binary frame layout:"), frame_);
    return box;
}

void SourceDialog::refreshSerialPorts()
{
    const QString current = serial_device_->currentText();
    serial_device_->clear();
    for (const SerialPortEntry& port : listSerialPorts())
        serial_device_->addItem(QString::fromStdString(port.by_id.empty() ? port.device : port.device + "  (" + port.by_id + ")"),
                                QString::fromStdString(port.device));
    serial_device_->setCurrentText(current);
    if (serial_device_->count() == 0)
        serial_device_->lineEdit()->setPlaceholderText(QStringLiteral("no serial ports found; type a device path"));
}

void SourceDialog::setKind(Kind kind) { kind_->setCurrentIndex(kind); }

std::optional<SourceConfig> SourceDialog::sourceFromFields(std::string& error) const
{
    QJsonObject json;
    switch (kind_->currentIndex()) {
    case Udp: {
        const QString group = multicast_group_->text().trimmed();
        json.insert(QStringLiteral("type"), QStringLiteral("udp"));
        json.insert(QStringLiteral("address"), group.isEmpty() ? udp_address_->text().trimmed() : group);
        json.insert(QStringLiteral("port"), udp_port_->value());
        const QString local = udp_address_->text().trimmed();
        if (!group.isEmpty() && local != QLatin1String("0.0.0.0") && !local.isEmpty())
            json.insert(QStringLiteral("multicast_interface"), local);
        break;
    }
    case Serial: {
        json.insert(QStringLiteral("type"), QStringLiteral("serial"));
        const int chosen = serial_device_->findText(serial_device_->currentText());
        json.insert(QStringLiteral("device"), chosen >= 0 ? serial_device_->itemData(chosen).toString()
                                                          : serial_device_->currentText().trimmed());
        bool number = false;
        const int baud = baud_->currentText().trimmed().toInt(&number);
        json.insert(QStringLiteral("baud"), number ? QJsonValue(baud) : QJsonValue(baud_->currentText()));
        json.insert(QStringLiteral("settings"), serial_settings_->currentText());
        json.insert(QStringLiteral("framing"), serial_framing_->currentText());
        break;
    }
    default:
        json.insert(QStringLiteral("type"), QStringLiteral("demo"));
        json.insert(QStringLiteral("rate"), demo_rate_->value());
        break;
    }
    if (kind_->currentIndex() == Udp || kind_->currentIndex() == Serial) {
        json.insert(QStringLiteral("format"), format_->currentText());
        if (format_->currentText() == QLatin1String("binary"))
            json.insert(QStringLiteral("frame"), frame_->text().trimmed());
    }
    std::vector<SessionProblem> problems;
    auto source = readSourceConfig(json, "", problems);
    for (const SessionProblem& problem : problems)
        error += (error.empty() ? "" : "\n") + problem.toString();
    return source;
}

void SourceDialog::showError(const std::string& message) { error_->setText(QString::fromStdString(message)); }

void SourceDialog::accept()
{
    error_->clear();
    if (kind_->currentIndex() == SessionFile) {
        if (session_path_->text().trimmed().isEmpty())
            return showError("choose a session file");
        if (const auto failure = load_session_(session_path_->text().trimmed()))
            return showError(*failure);
        QDialog::accept();
        return;
    }
    std::string error;
    const auto source = sourceFromFields(error);
    if (!source)
        return showError(error);
    if (const auto failure = apply_source_(*source))
        return showError(*failure);
    QDialog::accept();
}

} // namespace streamscope::widgets
