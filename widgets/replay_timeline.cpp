#include "widgets/replay_timeline.h"

#include "core/ingest/replay_source.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace streamscope::widgets {

namespace {

constexpr TimeNs kNsPerMs = 1'000'000;
constexpr double kNsPerSecond = 1e9;

// "01:02:03.4": a span of the archive, hours included.
QString formatSpan(TimeNs span)
{
    const double seconds = static_cast<double>(std::max<TimeNs>(span, 0)) / kNsPerSecond;
    const auto whole = static_cast<long long>(seconds);
    return QStringLiteral("%1:%2:%3")
        .arg(whole / 3600, 2, 10, QLatin1Char('0'))
        .arg(whole / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds - static_cast<double>(whole / 60 * 60), 4, 'f', 1, QLatin1Char('0'));
}

QString formatSpeed(double speed) { return QString::number(speed, 'g', 4) + QLatin1Char('x'); }

} // namespace

ReplayTimeline::ReplayTimeline(QWidget* parent)
    : QWidget(parent), play_(new QToolButton(this)), speed_(new QComboBox(this)),
      slider_(new QSlider(Qt::Horizontal, this)), time_label_(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    play_->setAutoRaise(true);
    connect(play_, &QToolButton::clicked, this, &ReplayTimeline::togglePlay);
    for (const double speed : kSpeeds)
        speed_->addItem(formatSpeed(speed), speed);
    speed_->addItem(QStringLiteral("max"));
    speed_->setToolTip(QStringLiteral("Replay speed: archive seconds per second, or as fast as possible"));
    speed_->setCurrentIndex(static_cast<int>(std::find(std::begin(kSpeeds), std::end(kSpeeds), 1.0) - std::begin(kSpeeds)));
    connect(speed_, &QComboBox::activated, this, &ReplayTimeline::speedChosen);
    slider_->setRange(0, kSliderSteps);
    slider_->setTracking(false); // seek when the handle is let go, not on every pixel of a drag
    slider_->setToolTip(QStringLiteral("Replay position: drag or click to seek"));
    connect(slider_, &QSlider::valueChanged, this, &ReplayTimeline::sliderMoved);
    time_label_->setMinimumWidth(time_label_->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000  00:00:00.0 / 00:00:00.0")));
    layout->addWidget(play_);
    layout->addWidget(speed_);
    layout->addWidget(slider_, 1);
    layout->addWidget(time_label_);

    timer_.setInterval(100);
    connect(&timer_, &QTimer::timeout, this, &ReplayTimeline::refresh);
    setReplay(nullptr);
}

void ReplayTimeline::setReplay(ReplaySource* replay)
{
    replay_ = replay;
    for (QWidget* control : {static_cast<QWidget*>(play_), static_cast<QWidget*>(speed_), static_cast<QWidget*>(slider_)})
        control->setEnabled(replay != nullptr);
    if (replay) {
        timer_.start();
        if (replay->maxSpeed())
            speed_->setCurrentIndex(speed_->count() - 1);
        else
            setSpeed(speed_->currentData().toDouble());
    } else {
        timer_.stop();
        time_label_->setText(QStringLiteral("No archive open"));
    }
    was_playing_ = playing();
    refresh();
}

bool ReplayTimeline::playing() const { return replay_ && !replay_->paused() && !replay_->finished(); }

void ReplayTimeline::play()
{
    if (!replay_ || playing())
        return;
    if (replay_->finished())
        replay_->seek(replay_->rangeStart());
    replay_->resume();
    refresh();
}

void ReplayTimeline::pause()
{
    if (!replay_ || !playing())
        return;
    replay_->pause();
    refresh();
}

void ReplayTimeline::togglePlay()
{
    if (playing())
        pause();
    else
        play();
}

void ReplayTimeline::setSpeed(double speed)
{
    if (!replay_)
        return;
    const auto* found = std::find(std::begin(kSpeeds), std::end(kSpeeds), speed);
    if (found == std::end(kSpeeds))
        return;
    speed_->setCurrentIndex(static_cast<int>(found - std::begin(kSpeeds)));
    replay_->setSpeed(speed);
}

void ReplayTimeline::setMaxSpeed()
{
    if (!replay_)
        return;
    speed_->setCurrentIndex(speed_->count() - 1);
    replay_->setMaxSpeed();
}

void ReplayTimeline::speedChosen(int index)
{
    if (index == speed_->count() - 1)
        setMaxSpeed();
    else
        setSpeed(kSpeeds[index]);
}

void ReplayTimeline::seek(TimeNs time)
{
    if (!replay_)
        return;
    if (replay_->finished())
        replay_->pause(); // a replay that ran to its end waits at the new place, as one paused does
    replay_->seek(time);
    // The source moves at its next tick; show the target at once.
    const QSignalBlocker blocker(slider_);
    slider_->setValue(sliderValueOf(std::clamp(time, replay_->rangeStart(), replay_->rangeEnd())));
}

void ReplayTimeline::sliderMoved(int value) { seek(timeOfSliderValue(value)); }

TimeNs ReplayTimeline::timeOfSliderValue(int value) const
{
    const double span = static_cast<double>(replay_->rangeEnd() - replay_->rangeStart());
    return replay_->rangeStart() + static_cast<TimeNs>(std::llround(span * value / kSliderSteps));
}

int ReplayTimeline::sliderValueOf(TimeNs time) const
{
    const TimeNs span = replay_->rangeEnd() - replay_->rangeStart();
    if (span <= 0)
        return 0;
    return static_cast<int>(std::llround(static_cast<double>(time - replay_->rangeStart()) * kSliderSteps
                                         / static_cast<double>(span)));
}

void ReplayTimeline::refresh()
{
    updatePlayButton();
    if (!replay_)
        return;
    const TimeNs position = replay_->position();
    if (!slider_->isSliderDown()) {
        const QSignalBlocker blocker(slider_);
        slider_->setValue(sliderValueOf(position));
    }
    const QString clock = QDateTime::fromMSecsSinceEpoch(position / kNsPerMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    time_label_->setText(QStringLiteral("%1  %2 / %3")
                             .arg(clock, formatSpan(position - replay_->rangeStart()),
                                  formatSpan(replay_->rangeEnd() - replay_->rangeStart())));
    const bool now_playing = playing();
    if (now_playing != was_playing_) {
        was_playing_ = now_playing;
        Q_EMIT playingChanged(now_playing);
    }
}

void ReplayTimeline::updatePlayButton()
{
    const bool now_playing = playing();
    play_->setIcon(style()->standardIcon(now_playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    play_->setText(now_playing ? QStringLiteral("Pause") : QStringLiteral("Play"));
    play_->setToolTip(now_playing ? QStringLiteral("Pause the replay (Ctrl+Space)")
                                  : QStringLiteral("Play the archive through statistics and alerts (Ctrl+Space)"));
}

} // namespace streamscope::widgets
