"""Shape: sympy after some algebra (run with a python3 that has sympy, e.g.
Debian's /usr/bin/python3 with python3-sympy).

    RESULTS (list) --> Expr (expanded, factored, integrated, solved) ; caches of sympy
"""
import _target
import sympy

x, y = sympy.symbols("x y")
RESULTS = [
    sympy.expand((x + y) ** 6),
    sympy.factor(x ** 4 - y ** 4),
    sympy.integrate(sympy.sin(x) * sympy.exp(x), x),
    sympy.solve(x ** 2 - 5 * x + 6, x),
    sympy.simplify(sympy.sin(x) ** 2 + sympy.cos(x) ** 2),
]
_target.dump(results=RESULTS, first=RESULTS[0])
