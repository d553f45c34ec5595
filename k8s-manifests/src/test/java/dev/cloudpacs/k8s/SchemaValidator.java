package dev.cloudpacs.k8s;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one rendered Kubernetes object against the schema of its kind.
 *
 * <p>Built-in kinds are bound to fabric8's Kubernetes model and Strimzi's kinds to Strimzi's API model
 * (both generated from the API's OpenAPI schemas). Both models keep unknown fields in an
 * {@code additionalProperties} map instead of failing, so after binding every reachable model object
 * is walked and any unknown field fails the check, with its path. Scalars must have the JSON type of
 * their field (a number where a string is expected fails, as it does at the API server). Required
 * fields: Strimzi's model marks them ({@code @JsonProperty(required = true)}); for the built-in kinds
 * the required fields of the OpenAPI schema are listed in {@link #REQUIRED}. Gateway API kinds
 * (HTTPRoute, ReferenceGrant) are bound to fabric8's Gateway API model, with their enumerations and
 * durations checked here. CloudNativePG has no Java
 * model: its {@code Cluster} is checked against a vendored subset of the CRD's OpenAPI schema
 * ({@link MiniJsonSchema}). A kind without a schema here fails: add it before using it.
 */
final class SchemaValidator {

    /** apiVersion/kind to the model class. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class),
            Map.entry("gateway.networking.k8s.io/v1beta1/ReferenceGrant",
                    io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    /** CRD kinds without a Java model: a vendored OpenAPI schema (subset) under src/test/resources/crds/. */
    static final Map<String, String> CRD_SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "crds/postgresql.cnpg.io_v1_Cluster.schema.json");

    /** Required fields of the built-in types we use, from the Kubernetes OpenAPI schema. */
    static final Map<Class<?>, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(io.fabric8.kubernetes.api.model.Container.class, List.of("name", "image")),
            Map.entry(io.fabric8.kubernetes.api.model.ContainerPort.class, List.of("containerPort")),
            Map.entry(io.fabric8.kubernetes.api.model.EnvVar.class, List.of("name")),
            Map.entry(io.fabric8.kubernetes.api.model.SecretKeySelector.class, List.of("key")),
            Map.entry(io.fabric8.kubernetes.api.model.ConfigMapKeySelector.class, List.of("key")),
            Map.entry(io.fabric8.kubernetes.api.model.Volume.class, List.of("name")),
            Map.entry(io.fabric8.kubernetes.api.model.VolumeMount.class, List.of("name", "mountPath")),
            Map.entry(io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource.class, List.of("claimName")),
            Map.entry(io.fabric8.kubernetes.api.model.HTTPGetAction.class, List.of("port")),
            Map.entry(io.fabric8.kubernetes.api.model.ExecAction.class, List.of("command")),
            Map.entry(io.fabric8.kubernetes.api.model.SeccompProfile.class, List.of("type")),
            Map.entry(io.fabric8.kubernetes.api.model.TopologySpreadConstraint.class,
                    List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            Map.entry(io.fabric8.kubernetes.api.model.LabelSelectorRequirement.class, List.of("key", "operator")),
            Map.entry(io.fabric8.kubernetes.api.model.ServicePort.class, List.of("port")),
            Map.entry(io.fabric8.kubernetes.api.model.apps.DeploymentSpec.class, List.of("selector", "template")),
            Map.entry(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec.class,
                    List.of("scaleTargetRef", "maxReplicas")),
            Map.entry(io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference.class, List.of("kind", "name")),
            Map.entry(io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec.class, List.of("type")),
            Map.entry(io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource.class, List.of("name", "target")),
            Map.entry(io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget.class, List.of("type")),
            Map.entry(io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy.class,
                    List.of("type", "value", "periodSeconds")),
            Map.entry(io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue.class, List.of("paths")),
            Map.entry(io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath.class, List.of("pathType", "backend")),
            Map.entry(io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend.class, List.of("name")),
            Map.entry(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec.class, List.of("podSelector")),
            Map.entry(io.fabric8.kubernetes.api.model.networking.v1.IPBlock.class, List.of("cidr")),
            Map.entry(io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference.class, List.of("name")),
            Map.entry(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef.class, List.of("name")),
            Map.entry(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter.class, List.of("type")),
            Map.entry(io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantSpec.class, List.of("from", "to")),
            Map.entry(io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom.class,
                    List.of("group", "kind", "namespace")),
            Map.entry(io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo.class, List.of("group", "kind")));

    /** Enumerations of the built-in API that fabric8 models as plain strings: field name to allowed values. */
    static final Map<String, Set<String>> ENUMS = Map.of(
            "pathType", Set.of("Exact", "Prefix", "ImplementationSpecific"),
            "protocol", Set.of("TCP", "UDP", "SCTP"),
            "imagePullPolicy", Set.of("Always", "IfNotPresent", "Never"),
            "externalTrafficPolicy", Set.of("Cluster", "Local"),
            "whenUnsatisfiable", Set.of("DoNotSchedule", "ScheduleAnyway"),
            "fsGroupChangePolicy", Set.of("OnRootMismatch", "Always"));

    /** Enumerations whose field name alone is too common ("type"): class to field to allowed values. */
    static final Map<Class<?>, Map<String, Set<String>>> CLASS_ENUMS = Map.of(
            io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch.class,
            Map.of("type", Set.of("Exact", "PathPrefix", "RegularExpression")),
            io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch.class,
            Map.of("method", Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH")),
            io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter.class,
            Map.of("type", Set.of("RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect",
                    "URLRewrite", "ExtensionRef")),
            io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter.class,
            Map.of("scheme", Set.of("http", "https")));

    /** Gateway API durations (HTTPRouteTimeouts): 1 to 4 of number and unit, e.g. 1h30m, 0s. */
    static final java.util.regex.Pattern GATEWAY_DURATION = java.util.regex.Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");

    private static final ObjectMapper MAPPER = strictMapper();

    private SchemaValidator() {
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // The API server does not coerce: "8" is not an integer, 8 is not a string, "true" not a boolean.
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    /** The problems of one object (empty when it is valid), each prefixed with its field path. */
    static List<String> validate(JsonNode object) {
        List<String> problems = new ArrayList<>();
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String key = apiVersion + "/" + kind;
        String name = object.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            problems.add(key + ": metadata.name is required");
        }
        Class<?> model = MODELS.get(key);
        String crd = CRD_SCHEMAS.get(key);
        if (model != null) {
            Object bound;
            try {
                bound = MAPPER.treeToValue(object, model);
            } catch (Exception e) {
                problems.add(key + " " + name + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
                return problems;
            }
            walk(bound, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        } else if (crd != null) {
            MiniJsonSchema.load(crd).validate(object, "", problems);
        } else {
            problems.add(key + " " + name + ": no schema for this kind (add it to SchemaValidator)");
        }
        return problems.stream().map(p -> p.startsWith(key) ? p : key + " " + name + ": " + p).toList();
    }

    private static boolean isModel(Object o) {
        String pkg = o.getClass().getPackageName();
        return pkg.startsWith("io.fabric8.kubernetes.api.model") || pkg.startsWith("io.strimzi.api");
    }

    private static void walk(Object o, String path, List<String> problems, Set<Object> seen) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), problems, seen);
            }
            return;
        }
        if (!isModel(o) || !seen.add(o)) {
            return;
        }
        for (String field : REQUIRED.getOrDefault(o.getClass(), List.of())) {
            if (get(o, "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1)) == null) {
                problems.add(path + "." + field + ": required field missing");
            }
        }
        if (get(o, "getAdditionalProperties") instanceof Map<?, ?> extra) {
            for (Object k : extra.keySet()) {
                problems.add(path + "." + k + ": unknown field");
            }
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getName().equals("getClass") || m.getName().equals("getAdditionalProperties")
                    || m.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            Object value = get(o, m.getName());
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            JsonProperty jp = m.getAnnotation(JsonProperty.class);
            if (jp != null && !jp.value().isEmpty()) {
                field = jp.value();
            }
            if (jp != null && jp.required() && value == null) {
                problems.add(path + "." + field + ": required field missing");
            }
            if (value instanceof String s && ENUMS.containsKey(field) && !ENUMS.get(field).contains(s)) {
                problems.add(path + "." + field + ": '" + s + "' is not one of " + ENUMS.get(field));
            }
            Set<String> allowed = CLASS_ENUMS.getOrDefault(o.getClass(), Map.of()).get(field);
            if (value instanceof String s && allowed != null && !allowed.contains(s)) {
                problems.add(path + "." + field + ": '" + s + "' is not one of " + allowed);
            }
            if (value instanceof String s && o instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts
                    && !GATEWAY_DURATION.matcher(s).matches()) {
                problems.add(path + "." + field + ": '" + s + "' is not a Gateway API duration");
            }
            walk(value, path + "." + field, problems, seen);
        }
    }

    private static Object get(Object o, String getter) {
        try {
            Method m = o.getClass().getMethod(getter);
            return m.invoke(o);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }
}
