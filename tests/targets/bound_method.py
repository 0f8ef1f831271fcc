"""Shape: a bound method held by a module global.

    CALLBACK (method) --.__self__--> Service
                      --.__func__--> function handle
"""
import _target


class Service(object):
    def handle(self):
        return self


SERVICE = Service()
CALLBACK = SERVICE.handle
_target.dump(callback=CALLBACK, service=SERVICE, func=Service.__dict__["handle"])
