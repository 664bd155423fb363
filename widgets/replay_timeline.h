#pragma once

#include "core/pipeline/sample.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace streamscope {
class ReplaySource;
}

namespace streamscope::widgets {

// The replay controls of an open archive, docked under the plots: play and pause, the speed (0.1x to
// 1000x, or as fast as the pipeline takes it), and a seek slider over the archive's time range with the
// replay's current time. It drives the replay source from the GUI thread (the source's controls are
// thread-safe) and reads its position a few times a second.
class ReplayTimeline : public QWidget {
    Q_OBJECT
public:
    // The speeds offered, archive seconds per second; the last entry of the box is "max".
    static constexpr double kSpeeds[] = {0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1000.0};
    static constexpr int kSliderSteps = 10'000;

    explicit ReplayTimeline(QWidget* parent = nullptr);

    // Not owned; nullptr disables the controls. Call setReplay(nullptr) before the source goes.
    void setReplay(ReplaySource* replay);

    // Playing: the replay runs (at its end, playing starts over from the start).
    void play();
    void pause();
    void togglePlay();
    [[nodiscard]] bool playing() const;
    // An entry of kSpeeds, or max speed.
    void setSpeed(double speed);
    void setMaxSpeed();
    // Moves the replay to `time` (clamped to the range): the next samples replayed are those from there.
    void seek(TimeNs time);

    // Reads the replay's position into the slider and the label; driven by a timer.
    void refresh();

    [[nodiscard]] QToolButton* playButton() const { return play_; }
    [[nodiscard]] QComboBox* speedBox() const { return speed_; }
    [[nodiscard]] QSlider* slider() const { return slider_; }
    [[nodiscard]] QLabel* timeLabel() const { return time_label_; }

Q_SIGNALS:
    void playingChanged(bool playing);

private:
    void speedChosen(int index);
    void sliderMoved(int value);
    [[nodiscard]] TimeNs timeOfSliderValue(int value) const;
    [[nodiscard]] int sliderValueOf(TimeNs time) const;
    void updatePlayButton();

    ReplaySource* replay_ = nullptr;
    QToolButton* play_ = nullptr;
    QComboBox* speed_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* time_label_ = nullptr;
    QTimer timer_;
    bool was_playing_ = false;
};

} // namespace streamscope::widgets
