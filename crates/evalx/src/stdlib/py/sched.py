# evalx's sched: a general-purpose event scheduler (scheduler, Event), written for evalx after CPython
# 3.11's documented behaviour. The default clock and sleep are evalx's `time` (bounded by the host).
import heapq
import time
from collections import namedtuple
from itertools import count

__all__ = ["scheduler"]

Event = namedtuple("Event", "time, priority, sequence, action, argument, kwargs")

_sentinel = object()


class scheduler:
    """A queue of timed events: enter() or enterabs() adds one, run() sleeps until each is due and calls
    it, earliest first (then by priority, then in the order entered)."""

    def __init__(self, timefunc=time.monotonic, delayfunc=time.sleep):
        self._queue = []
        self.timefunc = timefunc
        self.delayfunc = delayfunc
        self._sequence_generator = count()

    def enterabs(self, time, priority, action, argument=(), kwargs=_sentinel):
        """Schedules action(*argument, **kwargs) at absolute time `time`; returns the Event (for cancel())."""
        if kwargs is _sentinel:
            kwargs = {}
        event = Event(time, priority, next(self._sequence_generator), action, argument, kwargs)
        heapq.heappush(self._queue, event)
        return event

    def enter(self, delay, priority, action, argument=(), kwargs=_sentinel):
        """Schedules an event `delay` time units from now."""
        time = self.timefunc() + delay
        return self.enterabs(time, priority, action, argument, kwargs)

    def cancel(self, event):
        """Removes an event from the queue (ValueError when it is not there)."""
        self._queue.remove(event)
        heapq.heapify(self._queue)

    def empty(self):
        """Whether no event is waiting."""
        return not self._queue

    def run(self, blocking=True):
        """Runs the events as they fall due. With blocking false, runs those already due and returns the
        time until the next one (None when the queue is empty)."""
        q = self._queue
        delayfunc = self.delayfunc
        timefunc = self.timefunc
        pop = heapq.heappop
        while True:
            if not q:
                break
            (time, priority, sequence, action, argument, kwargs) = q[0]
            now = timefunc()
            if time > now:
                delay = True
            else:
                delay = False
                pop(q)
            if delay:
                if not blocking:
                    return time - now
                delayfunc(time - now)
            else:
                action(*argument, **kwargs)
                delayfunc(0)

    @property
    def queue(self):
        """The waiting events, in the order they will run."""
        events = self._queue[:]
        return list(map(heapq.heappop, [events] * len(events)))
