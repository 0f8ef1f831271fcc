"""Shape: the logging package configured as services do (dictConfig, a few loggers,
handlers with formatters and filters, records logged through them).

    logging.root --handlers--> StreamHandler --formatter--> Formatter
    logging.Logger.manager.loggerDict --> Logger('app.db'), Logger('app.web'), PlaceHolder('app')
"""
import io
import logging
import logging.config

import _target

STREAM = io.StringIO()
logging.config.dictConfig({
    "version": 1,
    "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
    "filters": {"only_app": {"name": "app"}},
    "handlers": {"stream": {"class": "logging.StreamHandler", "stream": STREAM,
                            "formatter": "plain", "filters": ["only_app"]}},
    "loggers": {"app.db": {"level": "DEBUG"}, "app.web": {"level": "INFO"}},
    "root": {"handlers": ["stream"], "level": "WARNING"},
})
DB = logging.getLogger("app.db")
WEB = logging.getLogger("app.web")
for n in range(20):
    DB.debug("query %d", n)
    WEB.warning("slow request %d", n)
try:
    1 / 0
except ZeroDivisionError:
    WEB.exception("failed")
_target.dump(db=DB, web=WEB, stream=STREAM)
