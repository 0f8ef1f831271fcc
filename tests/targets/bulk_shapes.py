"""Shape: what the walk does in bulk (whole batches of one type in C-level passes),
with the cases where a bulk rule could go wrong.

    BIG_LIST (300,000 str) --0..299999--> str         more references than one record holds
    BIG_DICT (200,000 entries) --@<key>--> [i]
    PAIRS --0..--> Pair --.left--> Shared <--.right-- (the first Pair: one object in
                        both attributes)  ...  later Pairs: --.left--> Left, --.right--> Right
    RAGGED --0..--> Node (.a, .b) ... Node (.a only)     instances of one class, two layouts
    WEAK_ONLY_HOLDER[0] --> Lonely <~~()~~ weakref.ref   one strong reference and a weak one
    SHARED_THREE --> [0.25] <-- HOLDER_A[0], HOLDER_B[0]   the holders and the float: refcount 1
    LISTS --0..--> [], [0], [0, 1], ... [0..19]      short lengths get their labels as SQL
                                                    literals, longer ones bound: one batch
    ODD --.naïve, .plain--> int                      a non-ASCII attribute name in the statement
    GUARDED --0..--> Guarded (.a, .b), (.a, .c), (.a) ...     a class with __getattr__ and one
    WATCHED --0..--> Watched (.a, .b), (.a, .c) ...              with __getattribute__: the batch
                                                    checks of a layout must call neither
    DOTTED --0..--> Dotted (."os.path", .os --> Spy)  a dotted attribute name read as one name
    SCALARS --> 'x' * 300, '\\udcff'-str, 10 ** 300, -7, 2.5, b'\\x00b', (1+2j), True, None
"""
import weakref

import _target


class Pair(object):
    def __init__(self, left, right):
        self.left = left
        self.right = right


class Node(object):
    def __init__(self, i, with_b):
        self.a = [i]
        if with_b:
            self.b = (i,)


class Lonely(object):
    pass


class Part(object):
    pass


class Odd(object):
    def __init__(self, i):
        self.naïve = i
        self.plain = i + 1


CALLS = []          # every call of the program's attribute hooks during the dump


class Guarded(object):
    def __init__(self, i):
        self.a = i
        if i % 3 == 0:               # the first instance's layout: (.a, .b)
            self.b = [i]
        elif i % 3 == 1:
            self.c = (i,)

    def __getattr__(self, name):
        CALLS.append(("__getattr__", name))
        raise AttributeError(name)


class Watched(object):
    def __init__(self, i):
        self.a = i
        if i % 2 == 0:
            self.b = [i]
        else:
            self.c = (i,)

    def __getattribute__(self, name):
        CALLS.append(("__getattribute__", name))
        return object.__getattribute__(self, name)


class Spy(object):
    def __getattr__(self, name):
        CALLS.append(("Spy.__getattr__", name))
        raise AttributeError(name)


class Dotted(object):
    """Its method imports a dotted name, so "os.path" is among the names the walk
    reads as attributes: through attrgetter it would be read as .os, then .path."""
    def __init__(self, i):
        setattr(self, "os.path", [i])
        self.os = SPY

    def where(self):
        import os.path
        return os.path


SPY = Spy()
BIG_LIST = [str(i) for i in range(300000)]
BIG_DICT = {i: [i] for i in range(200000)}
SHARED_PART = Part()
PAIRS = [Pair(SHARED_PART, SHARED_PART)] + [Pair(Part(), Part()) for _ in range(5000)]
RAGGED = [Node(i, i % 3 != 0) for i in range(6000)]
WEAK_ONLY_HOLDER = [Lonely()]
WEAK_REF = weakref.ref(WEAK_ONLY_HOLDER[0])
SHARED_THREE = [float("0.25")]
HOLDER_A = [SHARED_THREE]
HOLDER_B = [SHARED_THREE]
LISTS = [list(range(n % 21)) for n in range(2100)]
ODD = [Odd(1000 + 3 * i) for i in range(3000)]
GUARDED = [Guarded(i) for i in range(9000)]
WATCHED = [Watched(i) for i in range(9000)]
DOTTED = [Dotted(i) for i in range(9000)]
SCALARS = ["x" * 300, "bad \udcff name", 10 ** 300, -7, 2.5, b"\x00b", 1 + 2j, True, None]
_target.dump(big_list=BIG_LIST, big_dict=BIG_DICT, pair0=PAIRS[0], pair1=PAIRS[1],
             shared_part=SHARED_PART, left1=PAIRS[1].left, right1=PAIRS[1].right,
             node0=RAGGED[0], node1=RAGGED[1], node1_a=RAGGED[1].a, node1_b=RAGGED[1].b,
             node0_a=RAGGED[0].a, lonely=WEAK_ONLY_HOLDER[0], weak_ref=WEAK_REF,
             shared_three=SHARED_THREE, long_str=SCALARS[0], bad_str=SCALARS[1],
             huge_int=SCALARS[2], small_int=SCALARS[3], a_float=SCALARS[4], a_bytes=SCALARS[5],
             a_complex=SCALARS[6], lists=LISTS, odd0=ODD[0], odd1=ODD[1],
             guarded0=GUARDED[0], guarded1=GUARDED[1], watched0=WATCHED[0], watched1=WATCHED[1],
             dotted0=DOTTED[0], dotted0_value=getattr(DOTTED[0], "os.path"), spy=SPY,
             **dict(("list%d" % n, LISTS[n]) for n in (0, 1, 2, 7, 8, 9, 20)))
_target.add_facts(hook_calls=CALLS)
