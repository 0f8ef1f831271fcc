"""Shape: a real Flask application after some test-client requests (run with a
python3 that has Flask, e.g. Debian's /usr/bin/python3 with python3-flask).

    APP (Flask) --> url_map, view_functions --> index, item ;  REQUESTS_SEEN (list) --> str
"""
import _target
import flask

APP = flask.Flask("objex_demo")
REQUESTS_SEEN = []


@APP.route("/")
def index():
    REQUESTS_SEEN.append("index")
    return "hello"


@APP.route("/item/<int:n>")
def item(n):
    REQUESTS_SEEN.append("item %d" % n)
    return flask.jsonify(n=n, square=n * n)


client = APP.test_client()
for n in range(20):
    assert client.get("/item/%d" % n).status_code == 200
assert client.get("/").data == b"hello"
_target.dump(app=APP, seen=REQUESTS_SEEN, index=index)
