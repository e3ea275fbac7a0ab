package org.prooftrail.core.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/** Where the MQTT broker is and how this process names itself there. */
public record MqttSettings(String url, String username, String password, String clientId, String sharedGroup) {
    public static final String URL = "PT_MQTT_URL";
    public static final String USERNAME = "PT_MQTT_USERNAME";
    public static final String PASSWORD = "PT_MQTT_PASSWORD";
    public static final String CLIENT_ID = "PT_MQTT_CLIENT_ID";
    public static final String SHARED_GROUP = "PT_MQTT_SHARED_GROUP";

    public MqttSettings {
        validateUrl(url);
    }

    private static void validateUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("tcp") || scheme.equals("ssl") || scheme.equals("ws") || scheme.equals("wss"))
                    || uri.getHost() == null || uri.getPort() < 0) {
                throw new ConfigException(URL, "must look like tcp://host:1883 (or ssl://, ws://, wss://), got '" + url + "'");
            }
        } catch (URISyntaxException | NullPointerException e) {
            throw new ConfigException(URL, "must look like tcp://host:1883, got '" + url + "'");
        }
    }

    public static MqttSettings from(Settings s, String defaultClientId) {
        String clientId = s.string(CLIENT_ID, defaultClientId);
        if (clientId.length() > 64) {
            throw new ConfigException(CLIENT_ID, "must be at most 64 characters");
        }
        return new MqttSettings(
                s.required(URL, "a broker URL such as tcp://127.0.0.1:1883"),
                s.optional(USERNAME).orElse(null),
                s.optional(PASSWORD).orElse(null),
                clientId,
                s.string(SHARED_GROUP, "prooftrail-ingest"));
    }

    public MqttSettings withClientId(String id) {
        return new MqttSettings(url, username, password, id, sharedGroup);
    }
}
