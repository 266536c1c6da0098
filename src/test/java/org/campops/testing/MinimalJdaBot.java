package org.campops.testing;

import java.util.EnumSet;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * The smallest JDA bot that answers slash commands: every interaction gets an ephemeral "ok" at once from JDA's event
 * thread. A yardstick for benchmarks that run it as a process of its own beside the packaged CampOps jar
 * ({@code RemindBurstOutsideBenchmark}); not a test. Reads {@code DISCORD_TOKEN}, {@code DISCORD_API_URL} and
 * {@code DISCORD_GATEWAY_URL} as CampOps does, and prints {@value #READY} once connected.
 */
public final class MinimalJdaBot {
    public static final String READY = "minimal JDA bot ready";

    private MinimalJdaBot() {}

    public static void main(String[] args) throws InterruptedException {
        String gateway = System.getenv("DISCORD_GATEWAY_URL");
        JDA jda = JDABuilder.createLight(System.getenv("DISCORD_TOKEN"), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(System.getenv("DISCORD_API_URL")))
                .setSessionController(new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .addEventListeners(new ListenerAdapter() {
                    @Override
                    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                        event.reply("ok").setEphemeral(true).queue();
                    }
                })
                .build();
        jda.awaitReady();
        System.out.println(READY);
        Runtime.getRuntime().addShutdownHook(new Thread(jda::shutdownNow));
    }
}
