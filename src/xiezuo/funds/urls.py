from django.urls import path

from xiezuo.funds import views

app_name = "funds"
urlpatterns = [
    path("", views.supervision, name="supervision"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/disburse/", views.disbursement_create, name="disbursement_create"),
    path("projects/<int:pk>/beneficiaries/", views.project_beneficiaries,
         name="project_beneficiaries"),
    path("disbursements/<int:pk>/reverse/", views.disbursement_reverse, name="disbursement_reverse"),
    path("allocations/", views.allocation_list, name="allocation_list"),
    path("allocations/<int:pk>/reverse/", views.allocation_reverse, name="allocation_reverse"),
    path("ledger/", views.ledger, name="ledger_list"),
    path("ledger/verify/", views.ledger_verify, name="ledger_verify"),
    path("export/<str:what>/", views.export, name="export"),
    path("import/", views.import_page, name="import"),
    path("import/template/<str:kind>/", views.import_template, name="import_template"),
    path("import/<uuid:job_id>/", views.import_result, name="import_result"),
    path("import/<uuid:job_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<uuid:job_id>/report/", views.import_report, name="import_report"),
]
