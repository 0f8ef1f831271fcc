"""What an edge is: its kinds, and the labels of one object's references while
they are being matched with its referents (shared by _labels and _label_rules)."""

STRONG = 0
WEAK = 1
# Strong, but never part of a root path, and keeps its target alive only when nothing
# else refers to it: references to the namespace code runs in (a frame's f_globals and
# f_builtins, a function's __globals__ and __builtins__). A module's globals belong to
# the module, not to every frame and function that reads them.
NAMESPACE = 2
UNLABELLED = "<unlabelled>"


def add_label(labels, k, label):
    """Label object ``k``; an object held in several fields gets each label once,
    handed out in turn to its occurrences among the referents."""
    cur = labels.get(k)
    if cur is None:
        labels[k] = label
    elif type(cur) is list:
        if label not in cur:
            cur.append(label)
    elif cur != label:
        labels[k] = [cur, label]


class Address(object):
    """A weak edge's referent known by its key; resolved after the walk."""
    __slots__ = ("key",)

    def __init__(self, k):
        self.key = k
