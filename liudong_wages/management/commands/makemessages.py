"""Django's makemessages, also finding the `_lazy(...)` spelling of gettext_lazy.

Modules that need both gettext and gettext_lazy (the report definitions) import the lazy one as `_lazy`;
xgettext knows only the standard names, so without this their labels would never reach the catalogue.
"""

from django.core.management.commands.makemessages import Command as MakeMessagesCommand


class Command(MakeMessagesCommand):
    xgettext_options = [*MakeMessagesCommand.xgettext_options, "--keyword=_lazy"]
