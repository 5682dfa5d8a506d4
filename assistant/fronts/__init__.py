"""Line-oriented fronts: ask, chat, replay, pin."""
