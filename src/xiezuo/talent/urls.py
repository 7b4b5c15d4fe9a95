from django.urls import path

from xiezuo.talent import views

app_name = "talent"
urlpatterns = [
    path("", views.class_list, name="class_list"),
    path("classes/new/", views.class_create, name="class_create"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path("classes/<int:pk>/edit/", views.class_edit, name="class_edit"),
    path("trainees/", views.trainee_list, name="trainee_list"),
    path("trainees/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("trainees/<int:pk>/edit/", views.trainee_edit, name="trainee_edit"),
    path("trainees/<int:pk>/reveal/", views.trainee_reveal, name="trainee_reveal"),
    path("attendances/", views.attendance_list, name="attendance_list"),
    path("merge/", views.merge_list, name="merge_list"),
    path("merge/<int:pk>/", views.merge_decide, name="merge_decide"),
    path("hospitals/", views.pairing_list, name="pairing_list"),
    path("hospitals/new/", views.pairing_create, name="pairing_create"),
    path("hospitals/<int:pk>/", views.pairing_detail, name="pairing_detail"),
    path("hospitals/<int:pk>/edit/", views.pairing_edit, name="pairing_edit"),
    path("hospitals/<int:pk>/activities/", views.activity_create, name="activity_create"),
    path("hospital-activities/", views.activity_list, name="activity_list"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/advance/", views.request_advance, name="request_advance"),
    path("requests/<int:pk>/experts/", views.expert_add, name="expert_add"),
    path("enrolment/", views.enrolment_list, name="enrolment_list"),
    path("enrolment/new/", views.enrolment_create, name="enrolment_create"),
    path("enrolment/<int:pk>/year/", views.enrolment_year_add, name="enrolment_year_add"),
    path("figures/", views.figures, name="figures"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<uuid:job_id>/", views.import_result, name="import_result"),
    path("import/<uuid:job_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<uuid:job_id>/report/", views.import_report, name="import_report"),
]
