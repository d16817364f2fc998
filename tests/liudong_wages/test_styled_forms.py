"""StyledFormMixin's Bootstrap classes: a list of checkboxes or radio buttons keeps its options readable (the
single-checkbox class on its container had shrunk the list to a column one character wide)."""

from django import forms

from liudong_wages.forms import StyledFormMixin


class _Form(StyledFormMixin, forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "甲"), ("b", "乙")])
    agreed = forms.BooleanField(required=False)
    units = forms.MultipleChoiceField(
        choices=[("1", "新区人社局"), ("2", "新区财政局")], widget=forms.CheckboxSelectMultiple
    )
    check = forms.ChoiceField(choices=[("ok", "合格"), ("no", "不合格")], widget=forms.RadioSelect)


def test_each_widget_gets_its_class():
    form = _Form()
    assert form.fields["name"].widget.attrs["class"] == "form-control"
    assert form.fields["kind"].widget.attrs["class"] == "form-select"
    assert form.fields["agreed"].widget.attrs["class"] == "form-check-input"
    assert form.fields["units"].widget.attrs["class"] == "choice-list"
    assert form.fields["check"].widget.attrs["class"] == "choice-list"


def test_a_list_of_choices_is_not_styled_as_one_checkbox():
    html = str(_Form()["units"])
    assert '<div id="id_units" class="choice-list">' in html
    assert 'class="choice-list" id="id_units_0"' in html
    assert "form-check-input" not in html
    radios = str(_Form()["check"])
    assert "form-check-input" not in radios and 'type="radio"' in radios


def test_an_invalid_list_is_marked():
    form = _Form(data={"name": "x", "kind": "a", "check": "ok"})
    assert not form.is_valid()
    assert "is-invalid" in form.fields["units"].widget.attrs["class"]
