"""factory_boy factories shared by the tests of every app."""

import factory
from django.contrib.auth.models import Group

from liudong_wages.models import MemberUnit, Notification, User

DEFAULT_PASSWORD = "Liudong-test-2026"


class MemberUnitFactory(factory.django.DjangoModelFactory):
    """Member units are seeded by migration: the factory fetches one by code."""

    class Meta:
        model = MemberUnit
        django_get_or_create = ["code"]

    code = "jsj"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@liudong.example")
    unit = factory.SubFactory(MemberUnitFactory)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(role) for role in extracted]))
        self.save()


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "generic"
    title = factory.Sequence(lambda n: f"通知{n}")
